/**
 * The linear-Gaussian law: what a linear VAE with a fixed-variance Gaussian decoder learns, in
 * closed form from the data covariance's eigenvalues. Pure (the renderer recomputes it live
 * while β and σ² are dragged).
 *
 * Derivation. Encoder q(z|x) = N(Vx + c, diag s²), decoder p(x|z) = N(Wz + b, σ²I), and the
 * lab's loss per example is
 *     L = E_q ‖x − Wz − b‖² / 2σ² + β·KL(q(z|x) ‖ N(0, I))
 * (the likelihood's constant ½·D·ln 2πσ² left out). Dividing by β > 0 does not move the optimum:
 *     L/β = E_q ‖x − Wz − b‖² / 2σ̃² + KL,   σ̃² = βσ²,
 * the negative ELBO (minus its constant) of probabilistic PCA with noise variance σ̃².
 * So β and σ² act only through the effective variance σ̃² = βσ².
 *
 * For PPCA the ELBO with the exact posterior equals log p(x) = log N(x; b, WWᵀ + σ̃²I), whose
 * maximiser (Tipping & Bishop 1999) is b = data mean, W = U_k (Λ_k − σ̃²I)₊^{1/2} R: the k
 * leading eigenvectors uᵢ of the data covariance C (eigenvalues λ₁ ≥ λ₂ ≥ …), a column of zeros
 * where λᵢ ≤ σ̃². With R = I the exact posterior is diagonal, so a diagonal Gaussian encoder
 * reaches it and the bound is tight (Lucas et al. 2019, "Don't blame the ELBO"). Then, per
 * latent dimension i with wᵢ² = λᵢ − σ̃² > 0 and xᵢ = uᵢᵀ(x − b) (variance λᵢ):
 *     posterior variance sᵢ² = σ̃² / (wᵢ² + σ̃²) = σ̃²/λᵢ,  mean μᵢ = wᵢ xᵢ / λᵢ,
 *     Var_x μᵢ = wᵢ²/λᵢ = 1 − σ̃²/λᵢ,
 *     KLᵢ = ½ E_x[μᵢ² + sᵢ² − 1 − ln sᵢ²] = ½[(1 − σ̃²/λᵢ) + σ̃²/λᵢ − 1 − ln(σ̃²/λᵢ)] = ½ ln(λᵢ/σ̃²).
 * A dimension with λᵢ ≤ σ̃² has wᵢ = 0: the decoder ignores it, the encoder returns the prior,
 * KLᵢ = 0 (posterior collapse, predicted before training).
 * Squared error with z ~ q: along an active uᵢ the error is xᵢ(1 − wᵢ²/λᵢ) − wᵢ sᵢ ε, of mean
 * square λᵢσ̃⁴/λᵢ² + (λᵢ − σ̃²)σ̃²/λᵢ = σ̃²; along a collapsed or discarded direction it is λᵢ. So
 *     E‖x − x̂‖² = Σ_{i ≤ k} min(λᵢ, σ̃²) + Σ_{i > k} λᵢ.
 * This is exact for the lab's linear VAE (`hidden: none`) with the fixed Gaussian decoder at its
 * optimum; for any other model it is only a reference line.
 */

export interface LinearGaussianLaw {
  /** βσ². */
  effectiveVariance: number;
  /** Predicted KL of latent dimension i (the i-th largest eigenvalue), nats; `[k]`, 0 where collapsed. */
  klPerDim: number[];
  /** Σ klPerDim, the predicted rate R. */
  kl: number;
  /** Dimensions with λᵢ > βσ² among the k kept. */
  activeUnits: number;
  /** E‖x − x̂‖² per example with z ~ q(z|x). */
  squaredError: number;
  /** squaredError / 2σ²: the lab's reconstruction term (no constant), nats. */
  recon: number;
  /** recon + ½·D·ln 2πσ²: the distortion D, nats. */
  distortion: number;
}

/**
 * The law for descending eigenvalues `eigenvalues` (`[D]`), latent size `k`, β and σ² (both > 0).
 * Latent dimensions beyond D get nothing to carry (KL 0).
 */
export function linearGaussianLaw(
  eigenvalues: readonly number[],
  k: number,
  beta: number,
  sigma2: number,
): LinearGaussianLaw {
  if (!(beta > 0) || !(sigma2 > 0)) throw new Error(`linearGaussianLaw: β and σ² must be > 0 (got ${beta}, ${sigma2})`);
  const v = beta * sigma2;
  const sorted = [...eigenvalues].map((l) => Math.max(0, l)).sort((a, b) => b - a);
  const klPerDim: number[] = [];
  let squaredError = 0;
  for (let i = 0; i < k; i++) {
    const l = sorted[i];
    klPerDim.push(l !== undefined && l > v ? 0.5 * Math.log(l / v) : 0);
  }
  sorted.forEach((l, i) => (squaredError += i < k ? Math.min(l, v) : l));
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  const recon = squaredError / (2 * sigma2);
  const d = sorted.length;
  return {
    effectiveVariance: v,
    klPerDim,
    kl,
    activeUnits: klPerDim.filter((x) => x > 0).length,
    squaredError,
    recon,
    distortion: recon + 0.5 * d * Math.log(2 * Math.PI * sigma2),
  };
}

/** Whether the law is exact for a model: linear (no hidden layer) with the fixed-variance Gaussian decoder. */
export function lawIsExact(model: { hidden: readonly number[]; likelihood: string }): boolean {
  return model.hidden.length === 0 && model.likelihood === 'gaussian';
}

/** A point of the rate–distortion plane, nats per example. */
export interface RatePoint {
  epoch: number;
  /** R = KL(q(z|x) ‖ p(z)). */
  rate: number;
  /** D = E_q[−log p(x|z)] with the likelihood's constant, so D + R = −ELBO. */
  distortion: number;
}

/** R = kl and D = recon + reconConstant of an epoch's training averages. */
export function ratePoint(m: { epoch: number; kl: number; recon: number; reconConstant: number }): RatePoint {
  return { epoch: m.epoch, rate: m.kl, distortion: m.recon + m.reconConstant };
}
