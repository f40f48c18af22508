/**
 * The collapse diagram's numbers: per swept value, each latent dimension's KL (largest first, so
 * the i-th line follows the i-th eigenvalue of the law) and the active units, averaged over the runs
 * at that value (seeds, a second setting) with their spread; and the linear-Gaussian law's curve
 * and collapse points βσ² = λᵢ. Pure.
 */
import { linearGaussianLaw } from '../../../../shared/linear-gaussian';
import type { SweepFlag } from '../../../../shared/sweep';

export interface CollapseRun {
  value: number;
  klPerDim: readonly number[];
  activeUnits: number;
}

export interface CollapseColumn {
  value: number;
  /** Mean, min and max over the column's runs of the i-th largest KL. */
  kl: { mean: number; min: number; max: number }[];
  active: { mean: number; min: number; max: number };
  runs: number;
}

const spread = (xs: number[]) => ({
  mean: xs.reduce((a, b) => a + b, 0) / xs.length,
  min: Math.min(...xs),
  max: Math.max(...xs),
});

export function collapseColumns(runs: readonly CollapseRun[]): CollapseColumn[] {
  const byValue = new Map<number, CollapseRun[]>();
  for (const r of runs) byValue.set(r.value, [...(byValue.get(r.value) ?? []), r]);
  return [...byValue.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([value, rs]) => {
      const sorted = rs.map((r) => [...r.klPerDim].sort((a, b) => b - a));
      const k = Math.max(...sorted.map((s) => s.length));
      return {
        value,
        kl: Array.from({ length: k }, (_, i) => spread(sorted.map((s) => s[i] ?? 0))),
        active: spread(rs.map((r) => r.activeUnits)),
        runs: rs.length,
      };
    });
}

export interface LawCurve {
  /** Swept values along the curve, ascending. */
  xs: number[];
  /** `[dims][xs]` predicted KL of the i-th dimension. */
  kl: number[][];
  active: number[];
  /** The swept value at which dimension i collapses (βσ² = λᵢ), within the axis or not. */
  collapseAt: number[];
}

/**
 * The law along a β or σ² axis from `lo` to `hi` (log-spaced), the other of the two held at
 * `beta`/`sigma2`; null for other settings.
 */
export function lawCurve(
  flag: SweepFlag,
  lo: number,
  hi: number,
  eigenvalues: readonly number[],
  latent: number,
  beta: number,
  sigma2: number,
  points = 80,
): LawCurve | null {
  if ((flag !== 'beta' && flag !== 'sigma2') || !(lo > 0 && hi > 0)) return null;
  const xs = Array.from({ length: points }, (_, i) => lo * (hi / lo) ** (i / (points - 1)));
  const laws = xs.map((x) =>
    flag === 'beta'
      ? linearGaussianLaw(eigenvalues, latent, x, sigma2)
      : linearGaussianLaw(eigenvalues, latent, beta, x),
  );
  const other = flag === 'beta' ? sigma2 : beta;
  const sorted = [...eigenvalues].sort((a, b) => b - a).slice(0, latent);
  return {
    xs,
    kl: Array.from({ length: latent }, (_, i) => laws.map((l) => l.klPerDim[i])),
    active: laws.map((l) => l.activeUnits),
    collapseAt: sorted.map((l) => l / other),
  };
}
