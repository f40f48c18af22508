import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { event } from '../../src/shared/protocol';
import { parseEvent } from '../../src/shared/protocol-validate';
import { Job } from '../../src/engine-host/job';
import { computeSnapshot } from '../../src/engine-host/snapshots';
import { encode } from '../../src/engine/inference';
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
