import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/datasets';
import { evaluate } from '../../src/engine/diagnostics';
import { betaAt } from '../../src/engine/schedule';
import { Trainer, type EpochMetrics } from '../../src/engine/trainer';
import { LECTURE_PRESET, cloneConfig, type ExperimentConfig } from '../../src/shared/config';

function lecture(change: (c: ExperimentConfig) => void = () => {}): Trainer {
  const config = cloneConfig(LECTURE_PRESET);
  change(config);
  return new Trainer(config, makeDataset(config.dataset));
}

function train(t: Trainer, epochs: number): EpochMetrics[] {
  const out: EpochMetrics[] = [];
  for (let e = 0; e < epochs; e++) {
    const m = t.runEpoch();
    if (!m) throw new Error(`diverged: ${JSON.stringify(t.divergence)}`);
    out.push(m);
  }
  return out;
}

describe('the lecture run (pinwheel 5×800, 2-64-2 tanh, Adam 3e-3, β 0.25, σ² 0.03, 800 epochs)', () => {
  it("lands near the lecture's printed figures (epoch 800: total 1.67, recon 0.30, KL 5.48)", () => {
    const t = lecture();
    const history = train(t, 800);
    const first = history[0];
    const last = history[799];
    // Epoch 1 averages the steep first steps; its value depends on the initial draw (lecture: 50.7).
    expect(first.loss).toBeGreaterThan(20);
    expect(first.loss).toBeLessThan(150);
    // Epoch 800, in the lecture's convention (recon = ½‖x − x̂‖²/σ², constant dropped).
    expect(last.loss).toBeGreaterThan(1.4);
    expect(last.loss).toBeLessThan(2.0);
    expect(last.recon).toBeGreaterThan(0.2);
    expect(last.recon).toBeLessThan(0.45);
    expect(last.kl).toBeGreaterThan(4.8);
    expect(last.kl).toBeLessThan(6.3);
    expect(last.loss).toBeCloseTo(last.recon + 0.25 * last.kl, 5);
    expect(last.activeUnits).toBe(2);
    // The Gaussian constant ½·D·ln(2πσ²) is reported beside it: D = 2, σ² = 0.03.
    expect(last.reconConstant).toBeCloseTo(Math.log(2 * Math.PI * 0.03), 6);
  });
});

describe('Trainer', () => {
  it('gives bit-identical metrics for the same seeds, different ones for another training seed', () => {
    const a = train(lecture(), 5).map((m) => [m.loss, m.recon, m.kl]);
    const b = train(lecture(), 5).map((m) => [m.loss, m.recon, m.kl]);
    const c = train(
      lecture((cfg) => (cfg.train.seed = 12)),
      5,
    ).map((m) => [m.loss, m.recon, m.kl]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('resumes from a checkpoint with exactly the numbers of an uninterrupted run', () => {
    const straight = train(lecture(), 6).map((m) => m.loss);
    const first = lecture();
    const before = train(first, 3).map((m) => m.loss);
    const resumed = lecture();
    resumed.setState(first.getState());
    const after = train(resumed, 3).map((m) => m.loss);
    expect([...before, ...after]).toEqual(straight);
  });

  it('pauses between minibatch steps and resumes mid-epoch exactly, also from a checkpoint', () => {
    const straight = train(lecture(), 2).map((m) => m.loss);
    const t = lecture();
    let steps = 0;
    expect(t.advance(() => ++steps === 5)).toEqual({ kind: 'partial' });
    expect(t.midEpoch).toBe(true);
    expect(t.step).toBe(5);
    const resumed = lecture();
    resumed.setState(t.getState());
    const first = resumed.runEpoch()!;
    expect(first.epoch).toBe(1);
    expect(first.steps).toBe(16);
    expect([first.loss, resumed.runEpoch()!.loss]).toEqual(straight);
  });

  it('β far above the slope of the reconstruction (1/σ² scale) collapses the posterior: no active unit, KL near 0', () => {
    const t = lecture((c) => (c.train.beta = 1000));
    const last = train(t, 60).at(-1)!;
    expect(last.activeUnits).toBe(0);
    expect(last.kl).toBeLessThan(0.05);
    const d = evaluate(t.vae, t.data, { sigma2: 0.03, varianceFloor: 1e-3, seed: 1 });
    expect(d.activeUnits).toBe(0);
    expect(d.mutualInfo).toBeLessThan(0.05);
  });

  it('free bits keep every dimension near λ nats under the same collapsing β', () => {
    // Below λ a dimension feels no KL pressure, above it a strong one: its KL hovers around λ.
    const t = lecture((c) => {
      c.train.beta = 1000;
      c.train.freeBits = 1;
    });
    const last = train(t, 60).at(-1)!;
    for (const v of last.klPerDim) expect(v).toBeGreaterThan(0.6);
    expect(last.activeUnits).toBe(2);
  });

  it('stops with a diverged status naming epoch and step, and keeps finite weights', () => {
    const t = lecture((c) => {
      c.train.optimizer = 'sgd';
      c.train.lr = 1e6;
    });
    let m: EpochMetrics | null = null;
    for (let e = 0; e < 5 && (m = t.runEpoch()); e++);
    expect(m).toBeNull();
    expect(t.divergence).toMatchObject({ epoch: 1 });
    expect(t.divergence!.step).toBeGreaterThanOrEqual(1);
    expect(t.divergence!.reason).toMatch(/non-finite|loss became/);
    for (const p of t.params) expect(p.value.every(Number.isFinite)).toBe(true);
    expect(t.runEpoch()).toBeNull();
  });

  it('gradient clipping keeps the same divergent settings finite', () => {
    const t = lecture((c) => {
      c.train.optimizer = 'sgd';
      c.train.lr = 0.05;
      c.train.clip = 1;
    });
    const history = train(t, 20);
    expect(history.at(-1)!.loss).toBeLessThan(history[0].loss);
  });

  it('live changes take effect on the next epoch', () => {
    const t = lecture();
    train(t, 2);
    t.setLive({ beta: 2 });
    const m = train(t, 1)[0];
    expect(m.beta).toBe(2);
    expect(m.betaKl).toBeCloseTo(2 * m.kl, 10);
  });
});

describe('β warm-up', () => {
  it('linear ramps to β over the warm-up epochs', () => {
    expect(betaAt(1, 10, 'linear', 0)).toBe(0);
    expect(betaAt(1, 10, 'linear', 5)).toBeCloseTo(0.5);
    expect(betaAt(1, 10, 'linear', 25)).toBe(1);
    expect(betaAt(0.3, 0, 'linear', 0)).toBe(0.3);
  });

  it('cyclical ramps over each cycle’s first half and holds for the second', () => {
    expect(betaAt(1, 10, 'cyclical', 2.5)).toBeCloseTo(0.5);
    expect(betaAt(1, 10, 'cyclical', 7)).toBe(1);
    expect(betaAt(1, 10, 'cyclical', 12.5)).toBeCloseTo(0.5);
  });

  it('the trainer reports the warmed-up β of each epoch', () => {
    const t = lecture((c) => (c.train.warmup = 4));
    expect(train(t, 5).map((m) => m.beta)).toEqual([0.0625, 0.125, 0.1875, 0.25, 0.25]);
  });
});

describe("the lecture's closing sample", () => {
  it('after the lecture run, a prior draw decodes within 0.18 of the training data', async () => {
    const { samplePoint } = await import('../../src/engine/sample-point');
    const t = lecture();
    train(t, 200);
    const p = samplePoint(t.vae, t.data, { sigma2: 0.03, varianceFloor: 1e-3 });
    expect(p.z).toHaveLength(2);
    expect(p.x).toHaveLength(2);
    expect(p.distance).toBeLessThan(0.18);
    expect(p.tries).toBeLessThanOrEqual(300);
  });
});
