/**
 * The checks of the phenomena presets: pure functions from the live numbers of a run (its epoch
 * metrics, the data's spectrum, the newest snapshot) to a verdict a student reads. Each says what
 * it measured and whether the expected effect appeared, or honestly that it did not.
 */
import type { ExperimentConfig } from '../../../shared/config';
import { linearGaussianLaw } from '../../../shared/linear-gaussian';
import type { EpochMetrics } from '../../../shared/protocol';

/** The parts of a snapshot the checks read. */
export interface SnapshotReading {
  epoch: number;
  latent: number;
  dim: number;
  rows: number;
  prior: { count: number; mean: Float32Array; sample: Float32Array };
  /** Encoder log-variances of the display rows, `[rows × K]`. */
  logvars?: Float32Array;
}

/** What a check reads from the lab. */
export interface PhenomenonReading {
  config: ExperimentConfig;
  history: readonly EpochMetrics[];
  /** The training data's covariance eigenvalues, descending (null when not decomposed). */
  eigenvalues: readonly number[] | null;
  snapshot: SnapshotReading | null;
  /** The display rows of the training data, `[rows × dim]` (MNIST: pixels in [0, 1]). */
  data: Float32Array | null;
}

export interface Verdict {
  passed: boolean;
  text: string;
}

export type Check = (r: PhenomenonReading) => Verdict;

const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${Math.round(100 * x)}%`;
const last = (r: PhenomenonReading): EpochMetrics => r.history[r.history.length - 1];
const units = (n: number): string => `${n} active unit${n === 1 ? '' : 's'}`;

/** Collapse by β: no latent dimension is used at the end (0 active units, KL under 0.05 nats). */
export const checkCollapse: Check = (r) => {
  const first = r.history[0];
  const end = last(r);
  const passed = end.activeUnits === 0 && end.kl < 0.05;
  const head = `${first.activeUnits} → ${units(end.activeUnits)}, KL ${f3(end.kl)} nats`;
  return { passed, text: passed ? `${head}: collapsed, as predicted.` : `${head}: the latent did not collapse.` };
};

/** The law for the run's data and settings, or null when the spectrum is unknown. */
function lawOf(r: PhenomenonReading, beta = r.config.train.beta): ReturnType<typeof linearGaussianLaw> | null {
  if (r.eigenvalues === null || r.eigenvalues.length === 0) return null;
  return linearGaussianLaw(r.eigenvalues, r.config.model.latent, beta, r.config.train.sigma2);
}

const NO_SPECTRUM: Verdict = { passed: false, text: 'The data spectrum is not known, so the law cannot be computed.' };
const eigen = (r: PhenomenonReading): string => (r.eigenvalues ?? []).map(f2).join(', ');

/** Collapse by σ²: the measured active units equal the linear-Gaussian law's prediction. */
export const checkSigmaCollapse: Check = (r) => {
  const law = lawOf(r);
  if (law === null) return NO_SPECTRUM;
  const end = last(r);
  const passed = end.activeUnits === law.activeUnits;
  const head =
    `${r.history[0].activeUnits} → ${units(end.activeUnits)}; the law predicts ${law.activeUnits} ` +
    `(eigenvalues ${eigen(r)} against βσ² = ${f2(law.effectiveVariance)})`;
  return { passed, text: passed ? `${head}: as predicted.` : `${head}: not what the law predicts.` };
};

/** Sorted descending, so latent dimensions compare with the law's eigen-directions in order. */
const desc = (xs: readonly number[]): number[] => [...xs].sort((a, b) => b - a);

/** PPCA: each dimension's KL within 0.1 nats of ½ ln(λᵢ/βσ²), the reconstruction term within 10%. */
export const checkPpca: Check = (r) => {
  const law = lawOf(r);
  if (law === null) return NO_SPECTRUM;
  const end = last(r);
  const kl = desc(end.klPerDim);
  const klOk = law.klPerDim.every((k, i) => Math.abs((kl[i] ?? 0) - k) <= 0.1);
  const reconOk = Math.abs(end.recon - law.recon) <= 0.1 * Math.abs(law.recon);
  const passed = klOk && reconOk;
  const head =
    `KL per dimension ${kl.map(f2).join(', ')} nats (law ½ ln(λ/σ²): ${law.klPerDim.map(f2).join(', ')}); ` +
    `reconstruction ${f2(end.recon)} (law ${f2(law.recon)})`;
  return { passed, text: passed ? `${head}: probabilistic PCA, as predicted.` : `${head}: not yet at the law.` };
};

/** β-VAE: the run sits at the law's point for its β, with less rate and more distortion than at β = 1. */
export const checkTradeoff: Check = (r) => {
  const law = lawOf(r);
  const one = lawOf(r, 1);
  if (law === null || one === null) return NO_SPECTRUM;
  const end = last(r);
  const onLaw = Math.abs(end.kl - law.kl) <= 0.15 && Math.abs(end.recon - law.recon) <= 0.1 * law.recon;
  const traded = end.kl < one.kl && end.recon > one.recon;
  const passed = onLaw && traded;
  const head =
    `β = ${r.config.train.beta}: rate ${f2(end.kl)} nats, reconstruction ${f2(end.recon)} ` +
    `(law ${f2(law.kl)}, ${f2(law.recon)}); at β = 1 the law gives rate ${f2(one.kl)}, reconstruction ${f2(one.recon)}`;
  return {
    passed,
    text: passed ? `${head}: less rate for more distortion, as predicted.` : `${head}: the trade-off did not show.`,
  };
};

/** Share of inked pixels (> 0.1) that are grey (below 0.9), and how many were inked. */
export function greyShare(pixels: Float32Array): { share: number; inked: number } {
  let inked = 0;
  let grey = 0;
  for (const v of pixels) {
    if (v > 0.1) {
      inked += 1;
      if (v < 0.9) grey += 1;
    }
  }
  return { share: inked > 0 ? grey / inked : 0, inked };
}

/** Blur: most inked pixels of the decoded prior means are grey, while the black-and-white digits have none. */
export const checkBlur: Check = (r) => {
  if (r.snapshot === null || r.data === null) return { passed: false, text: 'No decoded samples yet.' };
  const means = greyShare(r.snapshot.prior.mean);
  const data = greyShare(r.data);
  const passed = means.share > 0.5 && data.share < 0.05;
  const head = `Grey pixels among the inked ones: decoder means ${pct(means.share)}, training digits ${pct(data.share)}`;
  return { passed, text: passed ? `${head}: blurred means, as predicted.` : `${head}: the means are not blurred.` };
};

/** The largest KL while β was below its target, and the KL of the last epoch. */
function klPeak(r: PhenomenonReading): { peak: number; at: EpochMetrics; end: EpochMetrics } {
  const end = last(r);
  let at = r.history[0];
  for (const m of r.history) if (m.beta < r.config.train.beta && m.kl > at.kl) at = m;
  return { peak: at.kl, at, end };
}

/** Warm-up on: while β is small the encoder spends more than twice the KL it settles at. */
export const checkWarmupOn: Check = (r) => {
  const { peak, at, end } = klPeak(r);
  const passed = peak > 2 * end.kl;
  const head = `KL peaked at ${f2(peak)} nats (epoch ${at.epoch}, β = ${f2(at.beta)}) and settled at ${f2(end.kl)}`;
  return {
    passed,
    text: passed ? `${head}: the latent was used first and squeezed later, as predicted.` : `${head}: no overshoot.`,
  };
};

/** Warm-up off: β is in force from the first step, so the KL never exceeds twice what it settles at. */
export const checkWarmupOff: Check = (r) => {
  const end = last(r);
  const top = r.history.reduce((a, m) => (m.kl > a.kl ? m : a), r.history[0]);
  const passed = top.kl <= 2 * end.kl;
  const head = `KL at most ${f2(top.kl)} nats (epoch ${top.epoch}) and settled at ${f2(end.kl)}`;
  return { passed, text: passed ? `${head}: no large overshoot without warm-up.` : `${head}: it overshot anyway.` };
};

/** Free bits: every dimension stays active with about λ nats, where the law without free bits drops one. */
export const checkFreeBits: Check = (r) => {
  const law = lawOf(r);
  if (law === null) return NO_SPECTRUM;
  const end = last(r);
  const lambda = r.config.train.freeBits;
  const least = Math.min(...end.klPerDim);
  const k = r.config.model.latent;
  const passed = end.activeUnits === k && least >= 0.8 * lambda && law.activeUnits < k;
  const head =
    `${units(end.activeUnits)}, the least KL ${f2(least)} nats (λ = ${lambda}); ` +
    `without free bits the law keeps ${law.activeUnits}`;
  return { passed, text: passed ? `${head}: kept alive, as predicted.` : `${head}: no dimension was kept alive.` };
};

/**
 * The decoder's variance at the prior samples: E(sample − mean)² over draws and coordinates, a
 * Monte-Carlo mean with its standard error.
 */
export function decoderVariance(s: SnapshotReading): { value: number; se: number } {
  const n = s.prior.count * s.dim;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (s.prior.sample[i] - s.prior.mean[i]) ** 2;
    sum += d2;
    sq += d2 * d2;
  }
  const value = sum / n;
  return { value, se: Math.sqrt(Math.max(0, sq / n - value * value) / n) };
}

/** Mean encoder variance exp(log σ²) of each latent dimension over the display rows. */
export function encoderVariances(s: SnapshotReading): number[] {
  const k = s.latent;
  const out = new Array<number>(k).fill(0);
  if (!s.logvars || s.rows === 0) return out;
  for (let r = 0; r < s.rows; r++) for (let j = 0; j < k; j++) out[j] += Math.exp(s.logvars[r * k + j]) / s.rows;
  return out;
}

/**
 * Learned variance on a curve (Dai & Wipf 2019): the decoder variance falls below a fifth of the
 * data's variance per coordinate, one latent is sharp (mean σ² < 0.05) and the others stay at the prior (> 0.5).
 */
export const checkLearnedVariance: Check = (r) => {
  if (r.snapshot === null || !r.snapshot.logvars) return { passed: false, text: 'No snapshot yet.' };
  if (r.eigenvalues === null) return NO_SPECTRUM;
  const dataVar = r.eigenvalues.reduce((a, b) => a + b, 0) / r.eigenvalues.length;
  const dec = decoderVariance(r.snapshot);
  const enc = encoderVariances(r.snapshot);
  const sharp = enc.filter((v) => v < 0.05).length;
  const prior = enc.filter((v) => v > 0.5).length;
  const passed = dec.value < 0.2 * dataVar && sharp === 1 && prior === enc.length - 1;
  const head =
    `Decoder variance ${f3(dec.value)} ± ${f3(dec.se)} (data ${f2(dataVar)} per coordinate); ` +
    `encoder variances ${enc.map(f3).join(', ')}`;
  return {
    passed,
    text: passed ? `${head}: the variance fell and one latent is sharp, as predicted.` : `${head}: not as predicted.`,
  };
};

/** The lecture's printed figures at epoch 800 (total, recon, KL per example). */
export const LECTURE_END = { loss: 1.67, recon: 0.3, kl: 5.48 } as const;

/** The lecture run: the last epoch's loss, recon and KL each within 20% of the lecture's printed ones. */
export const checkLecture: Check = (r) => {
  const end = last(r);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 0.2 * b;
  const passed = near(end.loss, LECTURE_END.loss) && near(end.recon, LECTURE_END.recon) && near(end.kl, LECTURE_END.kl);
  const head =
    `Epoch ${end.epoch}: total ${f2(end.loss)} / recon ${f2(end.recon)} / KL ${f2(end.kl)} ` +
    `(the lecture: ${LECTURE_END.loss} / ${f2(LECTURE_END.recon)} / ${LECTURE_END.kl}), ${units(end.activeUnits)}`;
  return {
    passed,
    text: passed ? `${head}: the lecture\u2019s numbers, within 20%.` : `${head}: far from the lecture\u2019s numbers.`,
  };
};
