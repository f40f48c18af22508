/** Min–max scaling: every column mapped onto [0, 1], e.g. so that a Bernoulli decoder can model it. */
import type { Dataset } from './dataset';
import type { StandardizeTransform } from './standardize';

/**
 * Per-column minimum and range as an affine map x' = (x − mean) / std with mean = min and
 * std = max − min (1 for a constant column, which maps to 0), fitted on every row: a Bernoulli
 * decoder needs the validation rows in [0, 1] too, which training-split statistics cannot promise.
 */
export function fitUnitScale(data: Dataset): StandardizeTransform {
  const { min, max } = columnRange(data);
  return { mean: Float32Array.from(min), std: Float32Array.from(min, (lo, j) => (max[j] > lo ? max[j] - lo : 1)) };
}

/** Per-column minimum and maximum over every row, in float64. */
function columnRange({ x, n, dim }: Dataset): { min: Float64Array; max: Float64Array } {
  if (n < 1) throw new Error('scale to [0, 1]: the dataset is empty');
  const min = new Float64Array(dim).fill(Infinity);
  const max = new Float64Array(dim).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const v = x[i * dim + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}

/**
 * The dataset with every column on [0, 1], computed in float64 so that each column's minimum
 * maps to 0 and its maximum to 1 exactly; the clamp only guards the float32 rounding in between.
 */
export function scaleToUnit(data: Dataset): { data: Dataset; transform: StandardizeTransform } {
  if (data.resample) throw new Error('scale to [0, 1]: resampled binary images are in {0, 1} already');
  const { min, max } = columnRange(data);
  const dim = data.dim;
  const range = min.map((lo, j) => (max[j] > lo ? max[j] - lo : 1));
  const x = data.x.map((v, k) => Math.min(1, Math.max(0, (v - min[k % dim]) / range[k % dim])));
  return { data: { ...data, x }, transform: fitUnitScale(data) };
}
