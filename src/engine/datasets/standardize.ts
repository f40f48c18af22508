import type { Dataset } from './dataset';

/** Per-column affine map x' = (x − mean) / std, with the training split's statistics. */
export interface StandardizeTransform {
  /** `[dim]` */
  mean: Float32Array;
  /** `[dim]`, at least STD_FLOOR. */
  std: Float32Array;
}

export const STD_FLOOR = 1e-8;

/** Column means and (population) standard deviations of `data`, in float64 then stored as float32. */
export function fitStandardize(data: Dataset): StandardizeTransform {
  const { n, dim, x } = data;
  if (n < 1) throw new Error('standardize: the training split is empty');
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) sum[j] += x[i * dim + j];
  const mean = sum.map((s) => s / n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const d = x[i * dim + j] - mean[j];
      sq[j] += d * d;
    }
  }
  const std = sq.map((s) => Math.max(STD_FLOOR, Math.sqrt(s / n)));
  return { mean: Float32Array.from(mean), std: Float32Array.from(std) };
}

/** x' = (x − mean) / std for rows `[n × dim]`; returns a new array. */
export function toStandard(t: StandardizeTransform, x: Float32Array): Float32Array {
  const dim = t.mean.length;
  return x.map((v, k) => (v - t.mean[k % dim]) / t.std[k % dim]);
}

/** x = x'·std + mean: maps decoded (standardised) rows `[n × dim]` back to data units. */
export function fromStandard(t: StandardizeTransform, x: Float32Array): Float32Array {
  const dim = t.mean.length;
  return x.map((v, k) => v * t.std[k % dim] + t.mean[k % dim]);
}

/**
 * Standardises `train` with its own column statistics and `others` (validation…) with the
 * same ones. Resampled binary images are refused: their x must stay in {0, 1}.
 */
export function standardize(
  train: Dataset,
  ...others: Dataset[]
): { train: Dataset; others: Dataset[]; transform: StandardizeTransform } {
  for (const d of [train, ...others]) {
    if (d.resample)
      throw new Error('standardize: resampled binary images cannot be standardised (turn one of the two off)');
    if (d.dim !== train.dim)
      throw new Error(`standardize: a split has ${d.dim} columns, the training split ${train.dim}`);
  }
  const transform = fitStandardize(train);
  const apply = (d: Dataset): Dataset => ({ ...d, x: toStandard(transform, d.x) });
  return { train: apply(train), others: others.map(apply), transform };
}
