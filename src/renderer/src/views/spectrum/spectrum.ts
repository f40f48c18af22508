import type { ModelConfig } from '../../../../shared/config';
import { lawIsExact, linearGaussianLaw, type LinearGaussianLaw } from '../../../../shared/linear-gaussian';

/** What the Spectrum view shows: the law at the live β and σ², and the measured KL paired with it. */
export interface SpectrumFigures {
  law: LinearGaussianLaw;
  /** Measured KL per dimension sorted descending (the i-th largest beside the i-th largest eigenvalue), or null. */
  measured: number[] | null;
  exact: boolean;
}

export function spectrumFigures(
  eigenvalues: readonly number[],
  model: Pick<ModelConfig, 'hidden' | 'likelihood' | 'latent'>,
  beta: number,
  sigma2: number,
  klPerDim: readonly number[] | null,
): SpectrumFigures {
  return {
    law: linearGaussianLaw(eigenvalues, model.latent, beta, sigma2),
    measured: klPerDim === null ? null : [...klPerDim].sort((a, b) => b - a),
    exact: lawIsExact(model),
  };
}

/** The view's numbers as CSV: one row per eigenvalue / latent dimension. */
export function spectrumCsv(eigenvalues: readonly number[], f: SpectrumFigures, beta: number, sigma2: number): string {
  const rows = ['rank,eigenvalue,water_level_beta_sigma2,predicted_kl,measured_kl'];
  const n = Math.max(eigenvalues.length, f.law.klPerDim.length);
  for (let i = 0; i < n; i++) {
    const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
    rows.push([i + 1, cell(eigenvalues[i]), beta * sigma2, cell(f.law.klPerDim[i]), cell(f.measured?.[i])].join(','));
  }
  return rows.join('\n') + '\n';
}
