import type { Likelihood } from '../shared/config';
import { arenaOf } from './kernels/arena';
import type { Rng } from './random';

/** Settings a decoder likelihood reads at every call, so live changes of σ² apply at once. */
export interface LikelihoodOptions {
  /** Fixed variance of the `gaussian` decoder. */
  sigma2: number;
  /** Floor of the learned variance: σ² = floor + exp(s). */
  varianceFloor: number;
}

/**
 * p(x | z) given the decoder's outputs. Every method works on `rows` examples of `dim` data
 * dimensions; decoder outputs are `[rows × paramsPerDim·dim]` (for two per dimension, the
 * `dim` means come first, then `dim` raw log-variances). NLL is in nats, summed over dimensions.
 */
export interface DecoderLikelihood {
  readonly kind: Likelihood;
  readonly paramsPerDim: 1 | 2;
  /**
   * Σ over rows of −log p(x|z) without the constant of `constant()`; writes
   * grad = scale·∂NLL/∂params when `grad` is given, and each row's NLL into `perRow`.
   */
  nll(
    params: Float32Array,
    x: Float32Array,
    rows: number,
    dim: number,
    opts: LikelihoodOptions,
    grad: Float32Array | null,
    scale: number,
    perRow?: Float64Array,
  ): number;
  /**
   * The per-example term left out of `nll` (½·D·ln 2πσ² for the fixed Gaussian), so both conventions
   * can be reported.
   */
  constant(dim: number, opts: LikelihoodOptions): number;
  /** The decoder mean E[x|z] `[rows × dim]`. */
  mean(params: Float32Array, rows: number, dim: number, out: Float32Array): void;
  /** One draw x ~ p(x|z) `[rows × dim]`. */
  sample(params: Float32Array, rows: number, dim: number, opts: LikelihoodOptions, rng: Rng, out: Float32Array): void;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Bernoulli on logits l: NLL = Σ max(l,0) − l·x + log(1 + e^−|l|) (stable BCE); ∂/∂l = σ(l) − x. */
export const BERNOULLI: DecoderLikelihood = {
  kind: 'bernoulli',
  paramsPerDim: 1,
  nll(l, x, rows, dim, _opts, grad, scale, perRow) {
    const arena = grad && !perRow && (rows * dim) % 4 === 0 ? arenaOf(l, x, grad) : undefined;
    if (arena) return arena.bernoulli(l.byteOffset, x.byteOffset, grad!.byteOffset, rows * dim, scale);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let i = r * dim, end = i + dim; i < end; i++) {
        const li = l[i];
        const e = Math.exp(-Math.abs(li));
        sum += (li > 0 ? li : 0) - li * x[i] + Math.log1p(e);
        if (grad) grad[i] = scale * ((li >= 0 ? 1 / (1 + e) : e / (1 + e)) - x[i]);
      }
      if (perRow) perRow[r] = sum;
      total += sum;
    }
    return total;
  },
  constant: () => 0,
  mean(l, rows, dim, out) {
    for (let i = 0; i < rows * dim; i++) out[i] = 1 / (1 + Math.exp(-l[i]));
  },
  sample(l, rows, dim, _opts, rng, out) {
    for (let i = 0; i < rows * dim; i++) out[i] = rng.uniform() < 1 / (1 + Math.exp(-l[i])) ? 1 : 0;
  },
};

/** Gaussian with fixed σ²: NLL = ½‖x − m‖²/σ² + ½·D·ln(2πσ²); ∂/∂m = (m − x)/σ². */
export const GAUSSIAN: DecoderLikelihood = {
  kind: 'gaussian',
  paramsPerDim: 1,
  nll(m, x, rows, dim, opts, grad, scale, perRow) {
    const inv = 1 / opts.sigma2;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let i = r * dim, end = i + dim; i < end; i++) {
        const d = m[i] - x[i];
        sum += d * d;
        if (grad) grad[i] = scale * d * inv;
      }
      sum *= 0.5 * inv;
      if (perRow) perRow[r] = sum;
      total += sum;
    }
    return total;
  },
  constant: (dim, opts) => dim * (HALF_LOG_2PI + 0.5 * Math.log(opts.sigma2)),
  mean(m, rows, dim, out) {
    out.set(m.subarray(0, rows * dim));
  },
  sample(m, rows, dim, opts, rng, out) {
    const sd = Math.sqrt(opts.sigma2);
    for (let i = 0; i < rows * dim; i++) out[i] = m[i] + sd * rng.normal();
  },
};

/**
 * Gaussian with learned per-dimension variance v = floor + e^s:
 * NLL = ½Σ[(x − m)²/v + ln v] + ½·D·ln 2π; ∂/∂m = (m − x)/v, ∂/∂s = ½(1 − (x − m)²/v)·e^s/v.
 */
export const GAUSSIAN_LEARNED: DecoderLikelihood = {
  kind: 'gaussian-learned',
  paramsPerDim: 2,
  nll(p, x, rows, dim, opts, grad, scale, perRow) {
    const floor = opts.varianceFloor;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const o = 2 * r * dim;
      let sum = 0;
      for (let j = 0; j < dim; j++) {
        const es = Math.exp(p[o + dim + j]);
        const v = floor + es;
        const d = p[o + j] - x[r * dim + j];
        const q = (d * d) / v;
        sum += q + Math.log(v);
        if (grad) {
          grad[o + j] = (scale * d) / v;
          grad[o + dim + j] = (scale * 0.5 * (1 - q) * es) / v;
        }
      }
      sum *= 0.5;
      if (perRow) perRow[r] = sum;
      total += sum;
    }
    return total;
  },
  constant: (dim) => dim * HALF_LOG_2PI,
  mean(p, rows, dim, out) {
    for (let r = 0; r < rows; r++) out.set(p.subarray(2 * r * dim, 2 * r * dim + dim), r * dim);
  },
  sample(p, rows, dim, opts, rng, out) {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < dim; j++) {
        const sd = Math.sqrt(opts.varianceFloor + Math.exp(p[2 * r * dim + dim + j]));
        out[r * dim + j] = p[2 * r * dim + j] + sd * rng.normal();
      }
    }
  },
};

export const LIKELIHOOD_BY_KIND: Record<Likelihood, DecoderLikelihood> = {
  bernoulli: BERNOULLI,
  gaussian: GAUSSIAN,
  'gaussian-learned': GAUSSIAN_LEARNED,
};
