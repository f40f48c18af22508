import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET, LINEAR_GAUSSIAN_PRESET } from '../../src/shared/config';
import { event } from '../../src/shared/protocol';
import { parseEvent } from '../../src/shared/protocol-validate';
import { Job } from '../../src/engine-host/job';
import { computeSnapshot, datasetInfo, MANIFOLD_LINES, MANIFOLD_POINTS } from '../../src/engine-host/snapshots';
import { decode, encode } from '../../src/engine/inference';
import { normalQuantile } from '../../src/engine/normal-quantile';
import { CLOSE_ENOUGH } from '../../src/engine/sample-point';

describe('snapshot additions for the views', () => {
  const config = cloneConfig(LECTURE_PRESET);
  const job = Job.build(config);
  const { snapshot, transfer } = computeSnapshot(job, () => 0);

  it('carries the encoder log-variances of the display rows', () => {
    expect(snapshot.logvars).toBeInstanceOf(Float32Array);
    expect(snapshot.logvars!.length).toBe(4000 * 2);
    const expected = encode(job.trainer.vae, job.displayX.subarray(0, 2), 1).logvar;
    expect(Array.from(snapshot.logvars!.subarray(0, 2))).toEqual(Array.from(expected));
    expect(transfer).toContain(snapshot.logvars!.buffer);
  });

  it('carries the lecture sample z*, x* and its distance for 2-D data', () => {
    const s = snapshot.sampled!;
    expect(s.z).toHaveLength(2);
    expect(s.x).toHaveLength(2);
    expect(s.tries).toBeGreaterThanOrEqual(1);
    expect(s.tries).toBeLessThanOrEqual(300);
    // the first draw closer than 0.18 is kept, or after 300 draws the closest one
    if (s.tries < 300) expect(s.distance).toBeLessThan(CLOSE_ENOUGH);
    expect(parseEvent(event({ type: 'snapshot', snapshot })).ok).toBe(true);
  });

  it('refuses log-variances of the wrong length', () => {
    const bad = parseEvent(event({ type: 'snapshot', snapshot: { ...snapshot, logvars: new Float32Array(3) } }));
    expect(bad).toEqual({ ok: false, error: 'snapshot: logvars must hold rows × latent values' });
  });
});

describe('the decoder manifold and the data spectrum', () => {
  it('K = 2, 2-D data: 9 lines of constant z1 then 9 of constant z2, 41 points each, decoded by the decoder mean', () => {
    const job = Job.build(cloneConfig(LINEAR_GAUSSIAN_PRESET));
    const { snapshot, transfer } = computeSnapshot(job, () => 0);
    const m = snapshot.manifold!;
    expect(m).toMatchObject({ lines: MANIFOLD_LINES, points: MANIFOLD_POINTS });
    expect(m.mean.length).toBe(2 * 9 * 41 * 2);
    // Point 3 of line 2 (constant z1 = Φ⁻¹(2.5/9)), and point 3 of line 9 + 2 (constant z2 = the same).
    const z1 = normalQuantile(2.5 / 9);
    const t = normalQuantile(3.5 / 41);
    const opts = { sigma2: job.trainer.live.sigma2, varianceFloor: job.config.train.varianceFloor };
    const expected = decode(job.trainer.vae, new Float32Array([z1, t, t, z1]), 2, opts);
    const at = (line: number, point: number) =>
      Array.from(m.mean.subarray((line * 41 + point) * 2, (line * 41 + point) * 2 + 2));
    expect(at(2, 3)).toEqual(Array.from(expected.subarray(0, 2)));
    expect(at(9 + 2, 3)).toEqual(Array.from(expected.subarray(2, 4)));
    expect(transfer).toContain(m.mean.buffer);
    expect(parseEvent(event({ type: 'snapshot', snapshot })).ok).toBe(true);
    const bad = parseEvent(event({ type: 'snapshot', snapshot: { ...snapshot, manifold: { ...m, points: 40 } } }));
    expect(bad).toEqual({ ok: false, error: 'snapshot: manifold.mean must hold line count × points × dim values' });
  });

  it('K = 1: one line; K = 3 or image data: none', () => {
    const one = cloneConfig(LINEAR_GAUSSIAN_PRESET);
    one.model.latent = 1;
    const m = computeSnapshot(Job.build(one), () => 0).snapshot.manifold!;
    expect(m.mean.length).toBe(MANIFOLD_POINTS * 2);
    const three = cloneConfig(LINEAR_GAUSSIAN_PRESET);
    three.model.latent = 3;
    expect(computeSnapshot(Job.build(three), () => 0).snapshot.manifold).toBeNull();
  });

  it('the dataset event carries the eigenvalues and the entropy, and validates', () => {
    const { dataset } = datasetInfo(Job.build(cloneConfig(LINEAR_GAUSSIAN_PRESET)));
    expect(dataset.spectrum.eigenvalues).toHaveLength(2);
    expect(dataset.spectrum.entropy).toBeCloseTo(Math.log(2 * Math.PI * Math.E * 0.3), 12);
    expect(parseEvent(event({ type: 'dataset', dataset })).ok).toBe(true);
    expect(datasetInfo(Job.build(cloneConfig(LECTURE_PRESET))).dataset.spectrum.entropy).toBeNull();
  });
});
