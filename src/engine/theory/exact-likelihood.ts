import type { ExactLikelihood } from '../../shared/protocol';
import type { Dataset } from '../datasets/dataset';
import { encode } from '../inference';
import type { LikelihoodOptions } from '../likelihoods';
import { Rng } from '../random';
import type { Vae } from '../vae';
import { finish, type Work } from '../work';
import { coarseGrid, exactExample, EXACT_GRID } from './exact-example';
import { LogJoint } from './log-joint';

/** Work budget of one exact evaluation, in multiply-adds (about a second in a host). */
export const EXACT_BUDGET = 2e9;
/** Fewest examples covered when the budget allows fewer (large decoders such as MNIST's). */
export const EXACT_MIN_EXAMPLES = 32;

export interface ExactOptions extends LikelihoodOptions {
  seed: number;
  /** Cover at most this many examples (default: as many as EXACT_BUDGET allows). */
  maxExamples?: number;
}

/** Per-example values beside the summary: the data rows covered and their −log p(x), −ELBO. */
export interface ExactResult {
  summary: ExactLikelihood;
  rows: Uint32Array;
  negLogPx: Float64Array;
  negElbo: Float64Array;
}

/** Multiply-adds of one decoded latent point: the decoder's layers and the likelihood. */
export function decoderCost(vae: Vae): number {
  return vae.decoder.layers.reduce((s, l) => s + l.inDim * l.outDim, 0) + 2 * vae.dim;
}

/** How many examples the budget covers. */
export function exactExampleCount(vae: Vae, n: number, maxExamples = Infinity): number {
  const k = vae.k;
  const perExample =
    (EXACT_GRID.maxPasses * 0.7 + 1) * EXACT_GRID.fine[k] ** k * decoderCost(vae) +
    EXACT_GRID.coarse[k] ** k * 3 * vae.dim;
  const affordable = Math.max(EXACT_MIN_EXAMPLES, Math.floor(EXACT_BUDGET / perExample));
  return Math.max(1, Math.min(n, affordable, maxExamples));
}

/**
 * Exact −log p(x), −ELBO and their gap for latent size 1 or 2 (exact-example.ts), on every example
 * or on a random subset (stated in `examples`, its sampling error in `se`); null for K > 2.
 */
export function exactLikelihood(vae: Vae, data: Dataset, opts: ExactOptions): ExactResult | null {
  return finish(exactLikelihoodWork(vae, data, opts));
}

/** `exactLikelihood` as work that yields after the coarse grid and after each example. */
export function* exactLikelihoodWork(vae: Vae, data: Dataset, opts: ExactOptions): Work<ExactResult | null> {
  const k = vae.k;
  if (k < 1 || k > 2 || data.n === 0) return null;
  const n = data.n;
  const m = exactExampleCount(vae, n, opts.maxExamples);
  const rows = new Uint32Array(n).map((_, i) => i);
  if (m < n) new Rng(opts.seed).shuffle(rows);
  const picked = rows.slice(0, m).sort();
  const joint = new LogJoint(vae, opts);
  const coarse = coarseGrid(k, joint);
  const x = new Float32Array(m * vae.dim);
  for (let i = 0; i < m; i++) x.set(data.x.subarray(picked[i] * vae.dim, (picked[i] + 1) * vae.dim), i * vae.dim);
  const { mu, logvar } = encode(vae, x, m);
  yield;
  const negLogPx = new Float64Array(m);
  const negElbo = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const e = exactExample(
      x.subarray(i * vae.dim, (i + 1) * vae.dim),
      mu.subarray(i * k, (i + 1) * k),
      logvar.subarray(i * k, (i + 1) * k),
      joint,
      coarse,
    );
    negLogPx[i] = -e.logPx;
    negElbo[i] = -e.elbo;
    yield;
  }
  const gaps = negElbo.map((v, i) => v - negLogPx[i]);
  const lp = meanAndSe(negLogPx, n);
  const gap = meanAndSe(gaps, n);
  return {
    summary: {
      grid: EXACT_GRID.fine[k],
      examples: m,
      negLogPx: lp.mean,
      negElbo: lp.mean + gap.mean,
      gap: gap.mean,
      se: { negLogPx: lp.se, gap: gap.se },
    },
    rows: picked,
    negLogPx,
    negElbo,
  };
}

/** Mean of a sample of m out of n values and its standard error (finite-population corrected; 0 when m = n). */
export function meanAndSe(values: Float64Array, n: number): { mean: number; se: number } {
  const m = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / m;
  if (m >= n || m < 2) return { mean, se: 0 };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, se: Math.sqrt((ss / (m - 1) / m) * (1 - m / n)) };
}
