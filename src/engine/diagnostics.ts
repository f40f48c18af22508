import type { Diagnostics } from '../shared/protocol';
import type { Dataset } from './datasets/dataset';
import { encode } from './inference';
import { klTerm } from './kl';
import type { LikelihoodOptions } from './likelihoods';
import { Rng } from './random';
import { decoderCost, exactLikelihoodWork } from './theory/exact-likelihood';
import { ACTIVE_UNIT_THRESHOLD } from './trainer';
import type { Vae } from './vae';
import { finish, type Work } from './work';

const LOG_2PI = Math.log(2 * Math.PI);

// The figures' type lives in src/shared (the protocol and the CLI's JSON carry it as it is).
export type { Diagnostics };

export interface DiagnosticsOptions extends LikelihoodOptions {
  seed: number;
  /** Importance samples for L_k; 0 skips it. */
  iwaeK?: number;
  /** Examples used by the quadratic-cost I(x;z) estimate. */
  miExamples?: number;
  /** At most this many examples for the exact figures (default: what the budget allows). */
  exactExamples?: number;
}

/** Draws of z per example for recon and −ELBO: at least this many… */
export const RECON_SAMPLES_MIN = 8;
/** …and more, up to this many, until the standard error is below RECON_SE_TARGET nats per example. */
export const RECON_SAMPLES_MAX = 256;
export const RECON_SE_TARGET = 0.005;
/** Multiply-adds the reconstruction term may spend in all (large data and decoders get fewer draws, at least 2). */
const RECON_BUDGET = 2e9;
/** The I(x;z) estimate yields after this many of its m examples (each costs m·K terms). */
const MI_ROWS_PER_YIELD = 64;

/**
 * Evaluates a trained VAE on every example of `data`. Monte-Carlo figures carry standard errors
 * (over draws of z, and over examples where a subset is used); for latent size ≤ 2 the exact
 * figures by quadrature come too (theory/exact-likelihood.ts).
 */
export function evaluate(vae: Vae, data: Dataset, opts: DiagnosticsOptions): Diagnostics {
  return finish(evaluation(vae, data, opts));
}

/**
 * `evaluate` as work that yields after each decoded chunk, draw and exact example (an evaluation
 * can take a second or more; the engine host answers messages in between). The same draws in the
 * same order: the figures are those of `evaluate`, bit for bit. The weights must not change
 * until it ends.
 */
export function* evaluation(vae: Vae, data: Dataset, opts: DiagnosticsOptions): Work<Diagnostics> {
  const { k, dim, likelihood } = vae;
  const n = data.n;
  const { mu, logvar } = encode(vae, data.x, n);
  yield;
  const klPerDim = new Array<number>(k).fill(0);
  for (let i = 0; i < n * k; i++) klPerDim[i % k] += klTerm(mu[i], logvar[i]);
  for (let j = 0; j < k; j++) klPerDim[j] /= n;
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  const muVariance = columnVariance(mu, n, k);
  const rng = new Rng(opts.seed);
  const recon = yield* reconstruction(vae, data, mu, logvar, opts, rng);
  const reconConstant = likelihood.constant(dim, opts);
  const iwaeK = opts.iwaeK ?? 0;
  const mi = yield* mutualInformation(mu, logvar, n, k, opts.miExamples ?? 1000, rng);
  const iwae = iwaeK > 0 ? yield* iwaeBound(vae, data, mu, logvar, iwaeK, opts, rng) : null;
  const exact = yield* exactLikelihoodWork(vae, data, { ...opts, maxExamples: opts.exactExamples });
  return {
    examples: n,
    negElbo: recon.mean + reconConstant + kl,
    recon: recon.mean,
    reconConstant,
    kl,
    klPerDim,
    muVariance,
    activeUnits: muVariance.filter((v) => v > ACTIVE_UNIT_THRESHOLD).length,
    mutualInfo: mi.value,
    rate: kl,
    distortion: recon.mean + reconConstant,
    iwae: iwae ? { k: iwaeK, negBound: -iwae.bound, se: iwae.se } : null,
    se: { negElbo: recon.se, recon: recon.se, mutualInfo: mi.se },
    reconSamples: recon.samples,
    exact: exact ? exact.summary : null,
  };
}

/**
 * The reconstruction term E_q[−log p(x|z)] (without constant), averaged over every example and
 * `samples` draws each; its standard error √(Σ_i Var_i / S) / n is over the draws (every example
 * is used, so there is no sampling of examples). A pilot of RECON_SAMPLES_MIN draws sets how many
 * more are needed for RECON_SE_TARGET.
 */
function* reconstruction(
  vae: Vae,
  data: Dataset,
  mu: Float32Array,
  logvar: Float32Array,
  opts: LikelihoodOptions,
  rng: Rng,
): Work<{ mean: number; se: number; samples: number }> {
  const n = data.n;
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const cap = Math.max(2, Math.min(RECON_SAMPLES_MAX, Math.floor(RECON_BUDGET / (n * decoderCost(vae)))));
  let samples = 0;
  const draw = function* (count: number): Work<void> {
    for (let s = 0; s < count; s++) {
      const { nll } = yield* importanceLogWeights(vae, data, mu, logvar, 1, opts, rng);
      for (let i = 0; i < n; i++) {
        sum[i] += nll[i];
        sumSq[i] += nll[i] * nll[i];
      }
    }
    samples += count;
  };
  const spread = () => {
    let v = 0;
    for (let i = 0; i < n; i++) v += Math.max(0, sumSq[i] / samples - (sum[i] / samples) ** 2);
    // Σ_i Var_i with the unbiased per-example variance.
    return samples > 1 ? (v * samples) / (samples - 1) : 0;
  };
  yield* draw(Math.min(RECON_SAMPLES_MIN, cap));
  const needed = Math.ceil(spread() / (RECON_SE_TARGET * n) ** 2);
  if (needed > samples) yield* draw(Math.min(cap, needed) - samples);
  let total = 0;
  for (let i = 0; i < n; i++) total += sum[i];
  return { mean: total / (n * samples), se: Math.sqrt(spread() / samples) / n, samples };
}

function columnVariance(m: Float32Array, n: number, k: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = m[i * k + j];
      s += v;
      s2 += v * v;
    }
    out.push(Math.max(0, s2 / n - (s / n) ** 2));
  }
  return out;
}

/**
 * For `samples` draws z = μ + σ·ε per example: the reconstruction NLL (without constant)
 * `[samples × n]` and log w = log p(x|z) + log p(z) − log q(z|x) `[samples × n]`, where
 * log p(z) − log q(z|x) = −½Σz² + ½Σ(ε² + lv).
 */
function* importanceLogWeights(
  vae: Vae,
  data: Dataset,
  mu: Float32Array,
  logvar: Float32Array,
  samples: number,
  opts: LikelihoodOptions,
  rng: Rng,
): Work<{ nll: Float64Array; logW: Float64Array }> {
  const { k, dim, likelihood } = vae;
  const n = data.n;
  const chunk = vae.decoder.maxRows;
  const nll = new Float64Array(samples * n);
  const logW = new Float64Array(samples * n);
  const z = new Float32Array(chunk * k);
  const rowNll = new Float64Array(chunk);
  const constant = likelihood.constant(dim, opts);
  for (let s = 0; s < samples; s++) {
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      const prior = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < k; j++) {
          const i = (start + r) * k + j;
          const e = rng.normal();
          const zi = mu[i] + Math.exp(0.5 * logvar[i]) * e;
          z[r * k + j] = zi;
          prior[r] += -0.5 * zi * zi + 0.5 * (e * e + logvar[i]);
        }
      }
      const params = vae.decoder.forward(z, rows);
      likelihood.nll(params, data.x.subarray(start * dim, (start + rows) * dim), rows, dim, opts, null, 1, rowNll);
      for (let r = 0; r < rows; r++) {
        nll[s * n + start + r] = rowNll[r];
        logW[s * n + start + r] = -(rowNll[r] + constant) + prior[r];
      }
      yield;
    }
  }
  return { nll, logW };
}

/**
 * L_k = mean over x of log (1/k)·Σ_s w_s, with a stable log-sum-exp. Two independent estimates of
 * k draws each are averaged per example; their difference gives the standard error over the draws,
 * Var ≈ (a − b)²/4 per example, with no assumption on the weights' tails.
 */
function* iwaeBound(
  vae: Vae,
  data: Dataset,
  mu: Float32Array,
  logvar: Float32Array,
  k: number,
  opts: LikelihoodOptions,
  rng: Rng,
): Work<{ bound: number; se: number }> {
  const n = data.n;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (const out of [a, b]) {
    const { logW } = yield* importanceLogWeights(vae, data, mu, logvar, k, opts, rng);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let s = 0; s < k; s++) max = Math.max(max, logW[s * n + i]);
      let sum = 0;
      for (let s = 0; s < k; s++) sum += Math.exp(logW[s * n + i] - max);
      out[i] = max + Math.log(sum / k);
    }
  }
  let total = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    total += (a[i] + b[i]) / 2;
    variance += (a[i] - b[i]) ** 2 / 4;
  }
  return { bound: total / n, se: Math.sqrt(variance) / n };
}

/**
 * I(x;z) = E_x E_{q(z|x)}[log q(z|x)] − E_{q(z)}[log q(z)], with the aggregate posterior q(z)
 * approximated by the mixture of the m examples' posteriors (Hoffman & Johnson 2016); yields every
 * MI_ROWS_PER_YIELD examples.
 */
function* mutualInformation(
  mu: Float32Array,
  logvar: Float32Array,
  n: number,
  k: number,
  maxExamples: number,
  rng: Rng,
): Work<{ value: number; se: number }> {
  const m = Math.min(n, maxExamples);
  const pick = new Uint32Array(n).map((_, i) => i);
  if (m < n) rng.shuffle(pick);
  let total = 0;
  let totalSq = 0;
  const z = new Float64Array(k);
  const logq = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const ia = pick[a] * k;
    let ent = 0;
    for (let j = 0; j < k; j++) {
      ent += -0.5 * (LOG_2PI + 1 + logvar[ia + j]);
      z[j] = mu[ia + j] + Math.exp(0.5 * logvar[ia + j]) * rng.normal();
    }
    let max = -Infinity;
    for (let b = 0; b < m; b++) {
      const ib = pick[b] * k;
      let lq = 0;
      for (let j = 0; j < k; j++) {
        const d = z[j] - mu[ib + j];
        lq += -0.5 * (LOG_2PI + logvar[ib + j] + (d * d) / Math.exp(logvar[ib + j]));
      }
      logq[b] = lq;
      if (lq > max) max = lq;
    }
    let sum = 0;
    for (let b = 0; b < m; b++) sum += Math.exp(logq[b] - max);
    const term = ent - (max + Math.log(sum) - Math.log(m));
    total += term;
    totalSq += term * term;
    if ((a + 1) % MI_ROWS_PER_YIELD === 0) yield;
  }
  const value = total / m;
  // Over the m examples' terms (the examples and their draws of z).
  const se = m > 1 ? Math.sqrt(Math.max(0, totalSq / m - value * value) / (m - 1)) : 0;
  return { value, se };
}
