/**
 * KL(N(μ, e^{lv}) ‖ N(0, 1)) per latent dimension: ½(μ² + e^{lv} − 1 − lv).
 * Encoder outputs are rows of `[μ₁…μ_K, lv₁…lv_K]`.
 */
export function klTerm(mu: number, logvar: number): number {
  return 0.5 * (mu * mu + Math.exp(logvar) - 1 - logvar);
}

/**
 * Adds each dimension's KL, summed over `rows`, to `perDim` `[K]`; returns the total.
 * enc is `[rows × 2K]`; `variance` `[rows × K]`, when given, receives e^{lv} for klBackward.
 */
export function klSums(
  enc: Float32Array,
  rows: number,
  k: number,
  perDim: Float64Array,
  variance?: Float64Array,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = 2 * r * k;
    for (let j = 0; j < k; j++) {
      const lv = enc[o + k + j];
      const e = Math.exp(lv);
      if (variance) variance[r * k + j] = e;
      const mu = enc[o + j];
      const v = 0.5 * (mu * mu + e - 1 - lv); // klTerm, keeping e^{lv} for klBackward
      perDim[j] += v;
      total += v;
    }
  }
  return total;
}

/**
 * Gradient of β·Σ_j max(λ, KL̄_j), KL̄_j the batch-mean KL of dimension j (free bits, Kingma
 * et al. 2016): dimensions below λ nats get no gradient. Adds into dEnc `[rows × 2K]`:
 * ∂KL̄_j/∂μ = μ/rows, ∂KL̄_j/∂lv = ½(e^{lv} − 1)/rows, e^{lv} from `variance` when given (klSums').
 * Returns Σ_j max(λ, KL̄_j).
 */
export function klBackward(
  enc: Float32Array,
  rows: number,
  k: number,
  batchMeanKl: Float64Array,
  beta: number,
  freeBits: number,
  dEnc: Float32Array,
  variance?: Float64Array,
): number {
  let objective = 0;
  const scale = beta / rows;
  for (let j = 0; j < k; j++) {
    const clamped = batchMeanKl[j] < freeBits;
    objective += clamped ? freeBits : batchMeanKl[j];
    if (clamped || scale === 0) continue;
    for (let r = 0; r < rows; r++) {
      const o = 2 * r * k;
      dEnc[o + j] += scale * enc[o + j];
      const e = variance ? variance[r * k + j] : Math.exp(enc[o + k + j]);
      dEnc[o + k + j] += scale * 0.5 * (e - 1);
    }
  }
  return objective;
}
