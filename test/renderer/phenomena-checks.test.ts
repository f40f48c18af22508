import { describe, expect, it } from 'vitest';
import { cloneConfig, PRESETS, type PresetName } from '../../src/shared/config';
import type { EpochMetrics } from '../../src/shared/protocol';
import {
  checkBlur,
  checkCollapse,
  checkFreeBits,
  checkLearnedVariance,
  checkLecture,
  checkPpca,
  checkSigmaCollapse,
  checkTradeoff,
  checkWarmupOff,
  checkWarmupOn,
  decoderVariance,
  greyShare,
  type PhenomenonReading,
  type SnapshotReading,
} from '../../src/renderer/src/state/phenomena-checks';
import { checkState, phenomenonOf, PHENOMENA } from '../../src/renderer/src/state/phenomena';

/** An epoch's metrics with the fields the checks read; the rest are zeros. */
function epoch(n: number, m: Partial<EpochMetrics>): EpochMetrics {
  return {
    epoch: n,
    loss: 0,
    recon: 0,
    reconConstant: 0,
    kl: 0,
    beta: 1,
    betaKl: 0,
    klPerDim: [0, 0],
    activeUnits: 2,
    steps: 1,
    ms: 1,
    ...m,
  };
}

function reading(
  preset: PresetName,
  history: EpochMetrics[],
  extra: Partial<PhenomenonReading> = {},
): PhenomenonReading {
  return { config: cloneConfig(PRESETS[preset]), history, eigenvalues: null, snapshot: null, data: null, ...extra };
}

describe('collapse by β', () => {
  it('passes at 0 active units and a KL near 0, naming the change', () => {
    const r = reading('collapse-beta', [epoch(1, { activeUnits: 2, kl: 3 }), epoch(50, { activeUnits: 0, kl: 0.002 })]);
    expect(checkCollapse(r)).toEqual({
      passed: true,
      text: '2 → 0 active units, KL 0.002 nats: collapsed, as predicted.',
    });
  });
  it('fails while a unit is still active', () => {
    const r = reading('collapse-beta', [epoch(1, { activeUnits: 2 }), epoch(50, { activeUnits: 1, kl: 0.4 })]);
    expect(checkCollapse(r)).toEqual({
      passed: false,
      text: '2 → 1 active unit, KL 0.400 nats: the latent did not collapse.',
    });
  });
});

describe('collapse by σ² against the linear-Gaussian law', () => {
  // Eigenvalues 1 and 0.09 against βσ² = 0.3: the law keeps one dimension.
  const eig = { eigenvalues: [1, 0.09] };
  it('passes when the measured active units equal the law’s 1', () => {
    const v = checkSigmaCollapse(reading('collapse-sigma', [epoch(1, {}), epoch(150, { activeUnits: 1 })], eig));
    expect(v.passed).toBe(true);
    expect(v.text).toBe(
      '2 → 1 active unit; the law predicts 1 (eigenvalues 1.00, 0.09 against βσ² = 0.30): as predicted.',
    );
  });
  it('fails when both dimensions stay active, and says so', () => {
    const v = checkSigmaCollapse(reading('collapse-sigma', [epoch(1, {}), epoch(150, { activeUnits: 2 })], eig));
    expect(v.passed).toBe(false);
    expect(v.text).toMatch(/2 active units; the law predicts 1 .*: not what the law predicts\.$/);
  });
  it('cannot judge without the spectrum', () => {
    expect(checkSigmaCollapse(reading('collapse-sigma', [epoch(150, {})])).passed).toBe(false);
  });
});

describe('PPCA and the β trade-off', () => {
  // λ = 1 and 0.25, σ² = 0.03: KL ½ ln(1/0.03) = 1.753 and ½ ln(0.25/0.03) = 1.060; recon 2σ²/2σ² = 1.
  const eig = { eigenvalues: [1, 0.25] };
  it('passes with each KL within 0.1 nats of ½ ln(λ/σ²), in either latent order', () => {
    const end = epoch(150, { klPerDim: [1.02, 1.7], recon: 1.04 });
    const v = checkPpca(reading('ppca', [end], eig));
    expect(v.passed).toBe(true);
    expect(v.text).toContain('KL per dimension 1.70, 1.02 nats (law ½ ln(λ/σ²): 1.75, 1.06)');
  });
  it('fails with a dimension off the law', () => {
    expect(checkPpca(reading('ppca', [epoch(150, { klPerDim: [0.4, 1.7], recon: 1 })], eig)).passed).toBe(false);
  });
  // β = 4: βσ² = 0.12, KL 1.060 + 0.366 = 1.426, recon 0.24/0.06 = 4; at β = 1 rate 2.813, recon 1.
  it('passes on the law’s point for β = 4, with less rate and more distortion than β = 1', () => {
    const v = checkTradeoff(reading('beta-tradeoff', [epoch(150, { kl: 1.4, recon: 4.05 })], eig));
    expect(v).toEqual({
      passed: true,
      text:
        'β = 4: rate 1.40 nats, reconstruction 4.05 (law 1.43, 4.00); at β = 1 the law gives rate 2.81, ' +
        'reconstruction 1.00: less rate for more distortion, as predicted.',
    });
  });
  it('fails off the law', () => {
    expect(checkTradeoff(reading('beta-tradeoff', [epoch(150, { kl: 2.8, recon: 1 })], eig)).passed).toBe(false);
  });
});

function snapshot(mean: number[], sample: number[], dim: number, logvars?: number[], latent = 2): SnapshotReading {
  return {
    epoch: 300,
    latent,
    dim,
    rows: logvars ? logvars.length / latent : 0,
    prior: { count: mean.length / dim, mean: Float32Array.from(mean), sample: Float32Array.from(sample) },
    logvars: logvars ? Float32Array.from(logvars) : undefined,
  };
}

describe('blurred Gaussian means on black-and-white digits', () => {
  it('counts grey among inked pixels', () => {
    expect(greyShare(Float32Array.from([0, 0.05, 0.5, 1, 0.95, 0.3]))).toEqual({ share: 0.5, inked: 4 });
  });
  it('passes with grey means beside binary data', () => {
    const s = snapshot([0.4, 0.6, 0, 0.95], [0, 0, 0, 0], 2);
    const v = checkBlur(reading('mnist-blur', [epoch(5, {})], { snapshot: s, data: Float32Array.from([0, 1, 1, 0]) }));
    expect(v).toEqual({
      passed: true,
      text: 'Grey pixels among the inked ones: decoder means 67%, training digits 0%: blurred means, as predicted.',
    });
  });
  it('fails with sharp means', () => {
    const s = snapshot([0, 1, 0, 0.95], [0, 0, 0, 0], 2);
    const v = checkBlur(reading('mnist-blur', [epoch(5, {})], { snapshot: s, data: Float32Array.from([0, 1]) }));
    expect(v.passed).toBe(false);
  });
});

describe('warm-up on and off', () => {
  const ramp = [epoch(1, { beta: 0.02, kl: 5 }), epoch(5, { beta: 0.1, kl: 12 }), epoch(100, { beta: 1, kl: 4.6 })];
  it('on: passes when the KL overshoots more than twice its final value while β is below target', () => {
    expect(checkWarmupOn(reading('warmup-on', ramp))).toEqual({
      passed: true,
      text:
        'KL peaked at 12.00 nats (epoch 5, β = 0.10) and settled at 4.60: the latent was used first and squeezed ' +
        'later, as predicted.',
    });
  });
  it('on: fails without an overshoot', () => {
    const flat = [epoch(1, { beta: 0.02, kl: 5 }), epoch(100, { beta: 1, kl: 4.6 })];
    expect(checkWarmupOn(reading('warmup-on', flat)).passed).toBe(false);
  });
  it('off: passes without a large overshoot and fails with one', () => {
    const mild = [epoch(3, { kl: 7.6 }), epoch(100, { kl: 4.6 })];
    expect(checkWarmupOff(reading('warmup-off', mild))).toEqual({
      passed: true,
      text: 'KL at most 7.60 nats (epoch 3) and settled at 4.60: no large overshoot without warm-up.',
    });
    expect(checkWarmupOff(reading('warmup-off', [epoch(3, { kl: 12 }), epoch(100, { kl: 4.6 })])).passed).toBe(false);
  });
});

describe('free bits', () => {
  const eig = { eigenvalues: [1, 0.09] };
  it('passes when both dimensions stay active with about λ, where the law drops one', () => {
    const v = checkFreeBits(reading('free-bits', [epoch(150, { activeUnits: 2, klPerDim: [0.27, 0.26] })], eig));
    expect(v.text).toBe(
      '2 active units, the least KL 0.26 nats (λ = 0.25); without free bits the law keeps 1: kept alive, as predicted.',
    );
    expect(v.passed).toBe(true);
  });
  it('fails when a dimension collapsed anyway', () => {
    const v = checkFreeBits(reading('free-bits', [epoch(150, { activeUnits: 1, klPerDim: [0.6, 0.001] })], eig));
    expect(v.passed).toBe(false);
  });
});

describe('learned decoder variance on a curve', () => {
  const eig = { eigenvalues: [0.8, 0.2] }; // 0.5 per coordinate
  // Two prior draws in 2-D: differences 0.1, −0.1, 0.3, −0.3 → E d² = (0.01 + 0.01 + 0.09 + 0.09)/4 = 0.05.
  const mean = [0, 0, 1, 1];
  const sample = [0.1, -0.1, 1.3, 0.7];
  it('estimates the variance as the mean squared draw around the mean, with its standard error', () => {
    const d = decoderVariance(snapshot(mean, sample, 2));
    expect(d.value).toBeCloseTo(0.05, 6);
    // d² = 0.01, 0.01, 0.09, 0.09: population sd 0.04, se = 0.04 / √4 = 0.02.
    expect(d.se).toBeCloseTo(0.02, 6);
  });
  it('passes with a small decoder variance, one sharp latent and one at the prior', () => {
    const logvars = [Math.log(0.9), Math.log(0.01), Math.log(0.95), Math.log(0.02)];
    const v = checkLearnedVariance(
      reading('learned-variance', [epoch(300, {})], { ...eig, snapshot: snapshot(mean, sample, 2, logvars) }),
    );
    expect(v.passed).toBe(true);
    expect(v.text).toBe(
      'Decoder variance 0.050 ± 0.020 (data 0.50 per coordinate); encoder variances 0.925, 0.015: ' +
        'the variance fell and one latent is sharp, as predicted.',
    );
  });
  it('fails when both latents are in use', () => {
    const logvars = [Math.log(0.01), Math.log(0.01), Math.log(0.02), Math.log(0.02)];
    const v = checkLearnedVariance(
      reading('learned-variance', [epoch(300, {})], { ...eig, snapshot: snapshot(mean, sample, 2, logvars) }),
    );
    expect(v.passed).toBe(false);
    expect(v.text).toMatch(/: not as predicted\.$/);
  });
});

describe('the lecture run', () => {
  it('passes within 20% of the lecture’s printed 1.67 / 0.30 / 5.48 and fails far from them', () => {
    const near = checkLecture(reading('lecture', [epoch(800, { loss: 1.7, recon: 0.29, kl: 5.61 })]));
    expect(near.passed).toBe(true);
    expect(near.text).toBe(
      'Epoch 800: total 1.70 / recon 0.29 / KL 5.61 (the lecture: 1.67 / 0.30 / 5.48), 2 active units: ' +
        'the lecture’s numbers, within 20%.',
    );
    expect(checkLecture(reading('lecture', [epoch(800, { loss: 3, recon: 0.29, kl: 5.61 })])).passed).toBe(false);
  });
});

describe('when a check applies', () => {
  const p = phenomenonOf('collapse-beta')!;
  const done = reading('collapse-beta', [epoch(1, { activeUnits: 2 }), epoch(50, { activeUnits: 0, kl: 0 })]);
  it('waits for the stated epoch', () => {
    const early = reading('collapse-beta', [epoch(1, {}), epoch(20, {})]);
    expect(checkState(p, early, true, false)).toEqual({
      state: 'training',
      text: 'The check runs at epoch 50 (now 20).',
    });
  });
  it('judges at the stated epoch', () => {
    expect(checkState(p, done, true, false).state).toBe('passed');
  });
  it('does not apply once the settings left the preset or changed during the run', () => {
    expect(checkState(p, done, false, false).state).toBe('changed');
    expect(checkState(p, done, true, true).state).toBe('changed');
  });
  it('waits for a snapshot of the stated epoch where the check reads decodings', () => {
    const blur = phenomenonOf('mnist-blur')!;
    const s = { ...snapshot([0.5], [0.5], 1), epoch: 3 };
    expect(checkState(blur, reading('mnist-blur', [epoch(5, {})], { snapshot: s }), true, false).state).toBe(
      'training',
    );
    expect(checkState(blur, reading('mnist-blur', [epoch(5, {})]), true, false).state).toBe('training');
  });
  it('every phenomenon has its own preset and two sentences', () => {
    expect(new Set(PHENOMENA.map((x) => x.preset)).size).toBe(PHENOMENA.length);
    for (const x of PHENOMENA) expect(x.watch.split(/\.\s/).length).toBe(2);
  });
});
