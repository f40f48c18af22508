/** Min–max scaling: every column mapped onto [0, 1], e.g. so that a Bernoulli decoder can model it. */
import type { Dataset } from './dataset';
import type { StandardizeTransform } from './standardize';

/**
 * Per-column minimum and range as an affine map x' = (x − mean) / std with mean = min and
 * std = max − min (1 for a constant column, which maps to 0), fitted on every row: a Bernoulli
 * decoder needs the validation rows in [0, 1] too, which training-split statistics cannot promise.
 */
export function fitUnitScale({ x, n, dim }: Dataset): StandardizeTransform {
  if (n < 1) throw new Error('scale to [0, 1]: the dataset is empty');
  const min = new Float32Array(dim).fill(Infinity);
  const max = new Float32Array(dim).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const v = x[i * dim + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  const std = min.map((lo, j) => (max[j] > lo ? max[j] - lo : 1));
  return { mean: min, std };
}

/**
 * The dataset with every column on [0, 1]. The range is stored in float32, so (max − min) / range
 * can round to just above 1: the result is clamped, which moves a value by at most one rounding.
 */
export function scaleToUnit(data: Dataset): { data: Dataset; transform: StandardizeTransform } {
  if (data.resample) throw new Error('scale to [0, 1]: resampled binary images are in {0, 1} already');
  const transform = fitUnitScale(data);
  const { mean: min, std: range } = transform;
  const dim = data.dim;
  const x = data.x.map((v, k) => Math.min(1, Math.max(0, (v - min[k % dim]) / range[k % dim])));
  return { data: { ...data, x }, transform };
}
