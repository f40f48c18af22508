/**
 * Hints whose formula depends on the data and the decoder: each is given only where its
 * assumptions hold, and says what they are.
 */
import type { ExperimentConfig } from '../../../shared/config';
import type { DatasetInfo } from '../../../shared/protocol';

/** Above this many columns the covariance is not decomposed in the page. */
const MAX_DIM = 64;

/** Short figures for a hint. */
function shown(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Sample covariance of `[n × dim]` rows. */
function covariance(x: Float32Array, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += x[i * dim + j] / n;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const da = x[i * dim + a] - mean[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += (da * (x[i * dim + b] - mean[b])) / Math.max(1, n - 1);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a];
  return cov;
}

/** The largest eigenvalue of a symmetric positive semi-definite matrix, by power iteration. */
export function largestEigenvalue(m: Float64Array, dim: number): number {
  let v = new Float64Array(dim).map((_, i) => 1 + i / dim);
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(dim);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) w[a] += m[a * dim + b] * v[b];
    const norm = Math.hypot(...w);
    if (norm === 0) return 0;
    const next = w.map((c) => c / norm);
    const done = Math.abs(norm - lambda) <= 1e-12 * norm;
    lambda = norm;
    v = next;
    if (done) break;
  }
  return lambda;
}

/** The training data's largest variance along any direction, as the model sees it; null when unknown. */
export function largestVariance(info: DatasetInfo): number | null {
  const known = info.spectrum?.eigenvalues?.[0];
  if (known !== undefined) return known;
  const rows = info.indices.length;
  if (info.dim > MAX_DIM || rows < 2) return null;
  return largestEigenvalue(covariance(info.x, rows, info.dim), info.dim);
}

/**
 * The β at which the whole latent collapses, for a Gaussian decoder of fixed variance σ²: for a linear
 * decoder, loss = β·(‖x − x̂‖²/(2βσ²) + KL), so a latent direction stays active only while the data's
 * variance λ along it exceeds β·σ² (Lucas et al. 2019); all collapse above β = λmax/σ². An MLP decoder
 * follows it only roughly, so the hint says it is a linear-decoder estimate. Null where it does not
 * hold: other likelihoods, or data too wide to decompose here.
 */
export function collapseHint(config: ExperimentConfig, info: DatasetInfo | null): string | null {
  if (config.model.likelihood !== 'gaussian' || !info) return null;
  const lambda = largestVariance(info);
  if (lambda === null || !(lambda > 0)) return null;
  const sigma2 = config.train.sigma2;
  return (
    `Linear-decoder estimate (fixed Gaussian decoder): a latent direction collapses once β·σ² exceeds the ` +
    `data's variance along it. Here the largest variance is ${shown(lambda)}, so with σ² = ${shown(sigma2)} ` +
    `the whole latent collapses above β ≈ ${shown(lambda / sigma2)}.`
  );
}

/** A range end, short, but never rounded into [0, 1] when it lies outside. */
function rangeEnd(v: number): string {
  const short = Number(v.toPrecision(3));
  const text = (short >= 0 && short <= 1) !== (v >= 0 && v <= 1) ? String(v) : String(short);
  return text.replace('-', '−');
}

/**
 * Why a Bernoulli decoder does not fit the data the model sees, naming the first column outside
 * [0, 1] and its range over the shown training rows; null when it fits (the engine checks every row).
 */
export function bernoulliMisfit(config: ExperimentConfig, info: DatasetInfo | null): string | null {
  if (config.dataset.standardize) return 'Bernoulli needs data in [0, 1]; standardised columns are centred on 0.';
  if (!info) return null;
  const rows = info.indices.length;
  for (let j = 0; j < info.dim; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const v = info.x[i * info.dim + j];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (rows === 0 || (min >= 0 && max <= 1)) continue;
    const name = info.columns[j] ?? `column ${j + 1}`;
    return `Bernoulli needs data in [0, 1]; ${name} spans ${rangeEnd(min)} … ${rangeEnd(max)}.`;
  }
  return null;
}
