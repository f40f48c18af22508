import { describe, expect, it } from 'vitest';
import { spectrumCsv, spectrumFigures } from '../../src/renderer/src/views/spectrum/spectrum';
import { thinPath } from '../../src/renderer/src/views/rate-distortion/rd-draw';
import { manifoldCsv } from '../../src/renderer/src/views/data-space/manifold';
import { addEvaluated, evaluatedPoint, pathNoise, underBound } from '../../src/renderer/src/state/rate-points';
import type { Diagnostics } from '../../src/shared/protocol';

describe('the Spectrum view figures', () => {
  const linear = { hidden: [], likelihood: 'gaussian' as const, latent: 2 };
  it('pairs the measured KL, largest first, with the law; exact only for a linear fixed-variance model', () => {
    const f = spectrumFigures([1, 0.09], linear, 1, 0.2, [0.001, 0.8]);
    expect(f.measured).toEqual([0.8, 0.001]);
    expect(f.law.klPerDim).toEqual([0.5 * Math.log(5), 0]);
    expect(f.exact).toBe(true);
    expect(spectrumFigures([1, 0.09], { ...linear, hidden: [64] }, 1, 0.2, null).exact).toBe(false);
    expect(spectrumFigures([1, 0.09], { ...linear, likelihood: 'gaussian-learned' }, 1, 0.2, null).exact).toBe(false);
  });
  it('exports one CSV row per eigenvalue with the water level, the prediction and the measurement', () => {
    const f = spectrumFigures([1, 0.09], linear, 1, 0.2, [0.8, 0]);
    expect(spectrumCsv([1, 0.09], f, 1, 0.2).trim().split('\n')).toEqual([
      'rank,eigenvalue,water_level_beta_sigma2,predicted_kl,measured_kl',
      `1,1,0.2,${0.5 * Math.log(5)},0.8`,
      '2,0.09,0.2,0,0',
    ]);
  });
});

describe('the rate–distortion path and the manifold CSV', () => {
  it('thins long paths evenly, keeping the first and the newest point', () => {
    const path = Array.from({ length: 5000 }, (_, i) => i);
    const thin = thinPath(path, 600);
    expect(thin).toHaveLength(600);
    expect(thin[0]).toBe(0);
    expect(thin.at(-1)).toBe(4999);
    expect(thinPath([1, 2, 3], 600)).toEqual([1, 2, 3]);
  });
  it('writes line, point and the decoded coordinates', () => {
    const csv = manifoldCsv({ lines: 1, points: 2, mean: new Float32Array([1, 2, 3, 4]) }, 2, ['x', 'y']);
    expect(csv).toBe('line,point,x,y\n1,1,1,2\n1,2,3,4\n');
  });
});

describe('the rate–distortion plane’s evaluated points', () => {
  const diag = (exact: boolean, examples = 100) =>
    ({
      examples: 100,
      rate: 2,
      distortion: -0.38,
      se: { recon: 0.004, negElbo: 0.004, mutualInfo: 0 },
      exact: exact
        ? { examples, negElbo: 1.615, negLogPx: 1.6, gap: 0.015, grid: 12, se: { negLogPx: 0, gap: 0 } }
        : null,
    }) as unknown as Diagnostics;
  it('uses the exact −ELBO where the quadrature covered every example, else the Monte-Carlo D with its error', () => {
    expect(evaluatedPoint(40, diag(true))).toEqual({ epoch: 40, rate: 2, distortion: 1.615 - 2, se: 0, exact: true });
    expect(evaluatedPoint(40, diag(true, 50))).toEqual({
      epoch: 40,
      rate: 2,
      distortion: -0.38,
      se: 0.004,
      exact: false,
    });
    expect(evaluatedPoint(40, diag(false)).exact).toBe(false);
  });
  it('keeps one point per epoch in epoch order, and counts only points under the bound beyond 2 se', () => {
    const p = (epoch: number, d: number, se = 0) => ({ epoch, rate: 1, distortion: d, se, exact: se === 0 });
    const trail = addEvaluated(addEvaluated(addEvaluated([], p(20, 1)), p(10, 2)), p(20, 0.9));
    expect(trail.map((q) => [q.epoch, q.distortion])).toEqual([
      [10, 2],
      [20, 0.9],
    ]);
    expect(underBound([p(1, 0.6, 0.01)], 1.61)).toBe(0); // 1.6 + 0.02 ≥ 1.61
    expect(underBound([p(1, 0.6, 0)], 1.61)).toBe(1);
  });
  it('estimates the training path’s epoch-to-epoch noise from successive differences', () => {
    // A falling trend plus ±0.02 alternating noise: the trend cancels, the noise remains.
    const path = Array.from({ length: 60 }, (_, i) => ({
      epoch: i,
      rate: 1,
      distortion: 3 - 0.01 * i + (i % 2 ? 0.02 : -0.02),
    }));
    expect(pathNoise(path)).toBeCloseTo(0.02 * Math.SQRT2, 2);
    expect(pathNoise(path.slice(0, 4))).toBeNull();
  });
});
