/** The data spectrum of a prepared dataset: covariance eigenvalues and, where known, the entropy H. */
import type { DatasetSpec } from '../shared/config';
import { validateDatasetParams } from '../shared/dataset-params';
import type { DataSpectrum } from '../shared/protocol';
import type { PreparedData } from './datasets';
import { covariance, SPECTRUM_MAX_DIM, symmetricEigenvalues } from './eigen';

/**
 * Eigenvalues of the training split's covariance as the model sees it (after standardisation when
 * on), null above SPECTRUM_MAX_DIM columns; and the generating distribution's entropy.
 */
export function dataSpectrum(spec: DatasetSpec, data: PreparedData): DataSpectrum {
  const { x, n, dim } = data.train;
  const eigenvalues = dim <= SPECTRUM_MAX_DIM && n > 0 ? symmetricEigenvalues(covariance(x, n, dim), dim) : null;
  const entropy = knownEntropy(spec, data.transform?.std ?? null);
  return { eigenvalues, entropy, sampleEntropy: entropy === null ? null : gaussianEntropy(eigenvalues) };
}

/**
 * ½ Σ ln(2πe λᵢ): the entropy of the Gaussian with these covariance eigenvalues. With the divide-by-n
 * covariance of a sample it is the least mean −log p(x) any Gaussian density reaches on that sample
 * (the maximum-likelihood fit). Null when a λ is not positive (a degenerate sample) or unknown.
 */
export function gaussianEntropy(eigenvalues: readonly number[] | null): number | null {
  if (eigenvalues === null || eigenvalues.length === 0 || !eigenvalues.every((l) => l > 0)) return null;
  let h = 0;
  for (const l of eigenvalues) h += 0.5 * Math.log(2 * Math.PI * Math.E * l);
  return Number.isFinite(h) ? h : null;
}

/**
 * Differential entropy, nats per example, of the distribution the dataset is drawn from, or null
 * where it is not known in closed form. The `gaussian` dataset is N(0, Σ) with |Σ| = std1²·std2²,
 * so H = ½ ln((2πe)^d |Σ|) = ln(2πe) + ln(std1·std2) for d = 2. Standardising divides column j
 * by sⱼ, which moves H by −Σ ln sⱼ.
 */
export function knownEntropy(spec: DatasetSpec, scales: Float32Array | null): number | null {
  if (spec.kind !== 'gaussian') return null;
  const params = validateDatasetParams('gaussian', spec.params);
  const std1 = Number(params.std1);
  const std2 = Number(params.std2);
  if (!(std1 > 0) || !(std2 > 0)) return null;
  let h = Math.log(2 * Math.PI * Math.E) + Math.log(std1) + Math.log(std2);
  if (scales !== null) for (const s of scales) h -= Math.log(s);
  return Number.isFinite(h) ? h : null;
}
