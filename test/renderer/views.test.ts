/** Pure helpers of the views: CSV export, posterior ellipse, 3-D projection, ticks, collapse words, image tiles. */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../src/shared/protocol';
import { collapseNote, collapsedDims } from '../../src/renderer/src/views/collapse/collapse';
import { hexRgb, tileImages, tileLayout } from '../../src/renderer/src/views/digit-grids/digits';
import { nearestRow, posteriorEllipse } from '../../src/renderer/src/views/latent-map/ellipse';
import { flipGridRows } from '../../src/renderer/src/views/digit-grids/grid-rows';
import { emptyKlSeries, extendKlSeries } from '../../src/renderer/src/views/collapse/kl-series';
import { metricsCsv } from '../../src/renderer/src/views/loss-curves/metrics-csv';
import { equalAspectFrame } from '../../src/renderer/src/canvas/plot-frame';
import { dragRotation, frameOf, projectPoints } from '../../src/renderer/src/views/data-cloud/projection';
import { fromPixel, niceTicks, toPixel } from '../../src/renderer/src/canvas/scale';
import { fitDims } from '../../src/renderer/src/state/views-dims';

function metrics(epoch: number, klPerDim: number[], activeUnits = klPerDim.length): EpochMetrics {
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  return {
    epoch,
    loss: 10 / epoch,
    recon: 9 / epoch,
    reconConstant: 0,
    kl,
    beta: 0.5,
    betaKl: 0.5 * kl,
    klPerDim,
    activeUnits,
    steps: 4,
    ms: 1,
  };
}

describe('metricsCsv', () => {
  it('writes a header and one row per epoch with every KL per dimension', () => {
    const csv = metricsCsv([metrics(1, [1.5, 0.25]), metrics(2, [NaN, 0.125], 1)]);
    expect(csv).toBe(
      'epoch,loss,recon,kl,beta,betaKl,activeUnits,klPerDim_1,klPerDim_2\n' +
        '1,10,9,1.75,0.5,0.875,2,1.5,0.25\n' +
        '2,5,4.5,NaN,0.5,NaN,1,NaN,0.125\n',
    );
  });

  it('has only the header for an empty history', () => {
    expect(metricsCsv([])).toBe('epoch,loss,recon,kl,beta,betaKl,activeUnits\n');
  });
});

describe('posteriorEllipse and nearestRow', () => {
  // rows: μ = (1, 2, 3) and (−1, 0, 0.5); log σ² = (0, ln 4, ln 0.25) and (0, 0, 0)
  const means = Float32Array.from([1, 2, 3, -1, 0, 0.5]);
  const logvars = Float32Array.from([0, Math.log(4), Math.log(0.25), 0, 0, 0]);

  it('has semi-axes 2σ = 2·exp(½ log σ²) in the chosen dimensions', () => {
    const e = posteriorEllipse(means, logvars, 3, 0, 1, 2);
    expect(e.cx).toBe(2);
    expect(e.cy).toBe(3);
    expect(e.rx).toBeCloseTo(4, 5);
    expect(e.ry).toBeCloseTo(1, 5);
    expect(posteriorEllipse(means, logvars, 3, 1, 0, 2, 1)).toEqual({ cx: -1, cy: 0.5, rx: 1, ry: 1 });
  });

  it('finds the nearest row within a distance, else -1', () => {
    expect(nearestRow(means, 3, 2, 0, 1, 0.9, 1.8)).toBe(0);
    expect(nearestRow(means, 3, 2, 0, 1, -0.8, 0.1, 0.5)).toBe(1);
    expect(nearestRow(means, 3, 2, 0, 1, 5, 5, 1)).toBe(-1);
  });
});

describe('projection', () => {
  it('is the identity at zero rotation and turns x into depth at a quarter yaw', () => {
    const p = Float32Array.from([1, 2, 3]);
    expect(Array.from(projectPoints(p, 1, { yaw: 0, pitch: 0 }))).toEqual([1, 2, 3]);
    const q = projectPoints(Float32Array.from([1, 0, 0]), 1, { yaw: Math.PI / 2, pitch: 0 });
    expect(q[0]).toBeCloseTo(0, 6);
    expect(q[2]).toBeCloseTo(-1, 6);
  });

  it('keeps lengths (a rotation) and clamps the pitch when dragging', () => {
    const q = projectPoints(Float32Array.from([1, 2, 2]), 1, { yaw: 0.7, pitch: -0.4 });
    expect(Math.hypot(q[0], q[1], q[2])).toBeCloseTo(3, 5);
    expect(dragRotation({ yaw: 0, pitch: 1.5 }, 10, 100).pitch).toBeCloseTo(Math.PI / 2, 10);
    expect(dragRotation({ yaw: 0, pitch: 0 }, 10, -20)).toEqual({ yaw: 0.1, pitch: -0.2 });
  });

  it('frames a cloud by its mid-range centre and farthest point', () => {
    const f = frameOf(Float32Array.from([0, 0, 0, 2, 4, 6]), 2);
    expect(f.center).toEqual([1, 2, 3]);
    expect(f.radius).toBeCloseTo(Math.sqrt(14), 6);
  });
});

describe('scales and frames', () => {
  it('picks round ticks', () => {
    expect(niceTicks(-2.2, 2.2, 5)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 0.07, 4)).toEqual([0, 0.02, 0.04, 0.06]);
    expect(niceTicks(1, 1)).toEqual([]);
  });

  it('keeps equal units on both axes, so the prior circle stays round', () => {
    const f = equalAspectFrame(500, 300, { min: -2, max: 2 }, { min: -1, max: 1 });
    const perX = (f.x.max - f.x.min) / Math.abs(f.x.to - f.x.from);
    const perY = (f.y.max - f.y.min) / Math.abs(f.y.to - f.y.from);
    expect(perX).toBeCloseTo(perY, 10);
    expect(f.x.min).toBeLessThanOrEqual(-2);
    expect(f.y.min).toBeLessThanOrEqual(-1);
    expect(fromPixel(f.x, toPixel(f.x, 1.25))).toBeCloseTo(1.25, 10);
    expect(toPixel(f.y, f.y.max)).toBe(f.y.to); // y grows upwards
  });
});

describe('collapse words', () => {
  it('names a collapsed dimension with its KL', () => {
    expect(collapsedDims([1, 0.003, 0.5])).toEqual([1]);
    expect(collapseNote(metrics(3, [1, 0.003, 0.5], 2))).toBe(
      'Dimension 2 has collapsed: its KL is 0.003 nats, so the decoder ignores it.',
    );
    expect(collapseNote(metrics(3, [0.001, 0.002, 0.5], 1))).toMatch(/^Dimensions 1 and 2 have collapsed/);
  });

  it('says the whole latent has collapsed when no unit is active, and nothing when all are in use', () => {
    expect(collapseNote(metrics(3, [0.2, 0.3], 0))).toMatch(/^The whole latent has collapsed: /);
    expect(collapseNote(metrics(3, [0.001, 0.002], 2))).toMatch(/^The whole latent has collapsed: /);
    expect(collapseNote(metrics(3, [0.2, 0.3], 2))).toBeNull();
  });
});

describe('image tiles', () => {
  it('places tile i at column i mod cols with a gap, blending paper to ink', () => {
    const layout = tileLayout(3, 2, 1, 2, 1);
    expect(layout).toEqual({ width: 5, height: 3, cols: 2, rows: 2, gap: 1 });
    const px = tileImages(Float32Array.from([0, 1, 0.5, 2, -1, NaN]), 3, 2, 1, layout, [255, 255, 255], [0, 0, 0]);
    const red = (x: number, y: number) => px[(y * 5 + x) * 4];
    expect([red(0, 0), red(1, 0), red(2, 0), red(3, 0), red(4, 0)]).toEqual([255, 0, 255, 128, 0]);
    expect([red(0, 2), red(1, 2)]).toEqual([255, 255]); // −1 clamps to paper, NaN is paper
    expect(hexRgb('#1d2330', [0, 0, 0])).toEqual([0x1d, 0x23, 0x30]);
    expect(hexRgb('rgb(1,2,3)', [9, 9, 9])).toEqual([9, 9, 9]);
  });

  it('flips the latent grid so z2 grows upwards', () => {
    // size 2, dim 1: rows [a b] (z2 low) and [c d] (z2 high)
    expect(Array.from(flipGridRows(Float32Array.from([1, 2, 3, 4]), 2, 1))).toEqual([3, 4, 1, 2]);
  });
});

describe('view helpers', () => {
  it('keeps the map axes inside the latent and apart', () => {
    expect(fitDims(0, 1, 0)).toEqual([0, 1]);
    expect(fitDims(0, 1, 2)).toEqual([0, 1]);
    expect(fitDims(5, 7, 3)).toEqual([0, 1]);
    expect(fitDims(2, 2, 3)).toEqual([2, 0]);
    expect(fitDims(0, 1, 1)).toEqual([0, 0]);
    expect(fitDims(0, -1, 2)).toEqual([0, 1]);
  });

  it('extends the KL series in place and starts again when the latent size changes', () => {
    const s = emptyKlSeries();
    const h = [metrics(1, [1, 2]), metrics(2, [0.5, 0.001], 1)];
    expect(extendKlSeries(s, h)).toBe(true);
    expect(s.perDim[1].map((p) => p.y)).toEqual([2, 0.001]);
    expect(s.active.map((p) => p.y)).toEqual([2, 1]);
    expect(extendKlSeries(s, [metrics(1, [1, 2, 3])])).toBe(false);
  });
});
