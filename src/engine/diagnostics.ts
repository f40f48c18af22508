import type { Diagnostics } from '../shared/protocol';
import type { Dataset } from './datasets/dataset';
import { encode } from './inference';
import { klTerm } from './kl';
import type { LikelihoodOptions } from './likelihoods';
import { Rng } from './random';
import { ACTIVE_UNIT_THRESHOLD } from './trainer';
import type { Vae } from './vae';

const LOG_2PI = Math.log(2 * Math.PI);

// The figures' type lives in src/shared (the protocol and the CLI's JSON carry it as it is).
export type { Diagnostics };

export interface DiagnosticsOptions extends LikelihoodOptions {
  seed: number;
  /** Importance samples for L_k; 0 skips it. */
  iwaeK?: number;
  /** Examples used by the quadratic-cost I(x;z) estimate. */
  miExamples?: number;
}

/** Evaluates a trained VAE on every example of `data` (one draw of z per example for the reconstruction term). */
export function evaluate(vae: Vae, data: Dataset, opts: DiagnosticsOptions): Diagnostics {
  const { k, dim, likelihood } = vae;
  const n = data.n;
  const { mu, logvar } = encode(vae, data.x, n);
  const klPerDim = new Array<number>(k).fill(0);
  for (let i = 0; i < n * k; i++) klPerDim[i % k] += klTerm(mu[i], logvar[i]);
  for (let j = 0; j < k; j++) klPerDim[j] /= n;
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  const muVariance = columnVariance(mu, n, k);
  const rng = new Rng(opts.seed);
  const logW = importanceLogWeights(vae, data, mu, logvar, 1, opts, rng);
  let recon = 0;
  for (let i = 0; i < n; i++) recon += logW.nll[i];
  recon /= n;
  const reconConstant = likelihood.constant(dim, opts);
  const iwaeK = opts.iwaeK ?? 0;
  return {
    examples: n,
    negElbo: recon + reconConstant + kl,
    recon,
    reconConstant,
    kl,
    klPerDim,
    muVariance,
    activeUnits: muVariance.filter((v) => v > ACTIVE_UNIT_THRESHOLD).length,
    mutualInfo: mutualInformation(mu, logvar, n, k, opts.miExamples ?? 1000, rng),
    rate: kl,
    distortion: recon + reconConstant,
    iwae: iwaeK > 0 ? { k: iwaeK, negBound: -iwaeBound(vae, data, mu, logvar, iwaeK, opts, rng) } : null,
  };
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
function importanceLogWeights(
  vae: Vae,
  data: Dataset,
  mu: Float32Array,
  logvar: Float32Array,
  samples: number,
  opts: LikelihoodOptions,
  rng: Rng,
) {
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
    }
  }
  return { nll, logW };
}

/** L_k = mean over x of log (1/k)·Σ_s w_s, with a stable log-sum-exp. */
function iwaeBound(
  vae: Vae,
  data: Dataset,
  mu: Float32Array,
  logvar: Float32Array,
  k: number,
  opts: LikelihoodOptions,
  rng: Rng,
): number {
  const n = data.n;
  const { logW } = importanceLogWeights(vae, data, mu, logvar, k, opts, rng);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let s = 0; s < k; s++) max = Math.max(max, logW[s * n + i]);
    let sum = 0;
    for (let s = 0; s < k; s++) sum += Math.exp(logW[s * n + i] - max);
    total += max + Math.log(sum / k);
  }
  return total / n;
}

/**
 * I(x;z) = E_x E_{q(z|x)}[log q(z|x)] − E_{q(z)}[log q(z)], with the aggregate posterior q(z)
 * approximated by the mixture of the m examples' posteriors (Hoffman & Johnson 2016).
 */
export function mutualInformation(
  mu: Float32Array,
  logvar: Float32Array,
  n: number,
  k: number,
  maxExamples: number,
  rng: Rng,
): number {
  const m = Math.min(n, maxExamples);
  const pick = new Uint32Array(n).map((_, i) => i);
  if (m < n) rng.shuffle(pick);
  let negEntropy = 0;
  let logQz = 0;
  const z = new Float64Array(k);
  const logq = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const ia = pick[a] * k;
    for (let j = 0; j < k; j++) {
      negEntropy += -0.5 * (LOG_2PI + 1 + logvar[ia + j]);
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
    logQz += max + Math.log(sum) - Math.log(m);
  }
  return (negEntropy - logQz) / m;
}
