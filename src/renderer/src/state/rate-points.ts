/** The rate–distortion plane's measured points and the noise of its training-average path. */
import type { RatePoint } from '../../../shared/linear-gaussian';
import type { Diagnostics } from '../../../shared/protocol';

/** A whole-training-data evaluation on the plane: exact (quadrature) or Monte-Carlo with its standard error. */
export interface EvaluatedPoint extends RatePoint {
  /** Standard error of D (and so of D + R; R is a closed form), nats per example; 0 when exact. */
  se: number;
  exact: boolean;
}

/**
 * R is the closed-form KL averaged over all examples. D is exact where the quadrature covered every
 * example (D = exact −ELBO − R), else the Monte-Carlo distortion with its standard error.
 */
export function evaluatedPoint(epoch: number, d: Diagnostics): EvaluatedPoint {
  const x = d.exact;
  if (x !== null && x.examples === d.examples && Number.isFinite(x.negElbo))
    return { epoch, rate: d.rate, distortion: x.negElbo - d.rate, se: 0, exact: true };
  return { epoch, rate: d.rate, distortion: d.distortion, se: d.se.recon, exact: false };
}

/** `trail` with `p` in epoch order; a second evaluation of one epoch replaces the first. */
export function addEvaluated(trail: readonly EvaluatedPoint[], p: EvaluatedPoint): EvaluatedPoint[] {
  return [...trail.filter((q) => q.epoch !== p.epoch), p].sort((a, b) => a.epoch - b.epoch);
}

/**
 * Points that lie under the bound beyond their error: D + R + 2·se below `bound` by more than the
 * quadrature's 1e-3 nats. For a Gaussian model this never happens (D + R ≥ −log p(x) ≥ Ĥ), so a
 * count above 0 is a finding, not noise.
 */
export function underBound(trail: readonly EvaluatedPoint[], bound: number): number {
  return trail.filter((p) => p.rate + p.distortion + 2 * p.se < bound - 1e-3).length;
}

/**
 * The epoch-to-epoch sampling noise of the training averages' D + R, estimated from the last `window`
 * epochs as sd(successive differences)/√2 (the slow trend cancels in the differences); null below 5 epochs.
 */
export function pathNoise(path: readonly RatePoint[], window = 50): number | null {
  const tail = path.slice(-window - 1).map((p) => p.rate + p.distortion);
  if (tail.length < 6) return null;
  const diffs = tail.slice(1).map((v, i) => v - tail[i]);
  const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  const variance = diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (diffs.length - 1);
  return Math.sqrt(variance / 2);
}
