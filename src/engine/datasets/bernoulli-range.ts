/** Whether data suits a Bernoulli decoder, whose p(x|z) is a probability only for x in [0, 1]. */
import type { Dataset } from './dataset';
import type { PreparedData } from './index';

/** A range end, short, but never rounded into [0, 1] when it lies outside. */
function shown(v: number): string {
  const short = Number(v.toPrecision(3));
  return (short >= 0 && short <= 1) !== (v >= 0 && v <= 1) ? String(v) : String(short);
}

/** Per-column minimum and maximum over all the splits. */
function columnRanges(splits: readonly Dataset[], dim: number): { min: Float64Array; max: Float64Array } {
  const min = new Float64Array(dim).fill(Infinity);
  const max = new Float64Array(dim).fill(-Infinity);
  for (const { x, n } of splits) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) {
        const v = x[i * dim + j];
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
  }
  return { min, max };
}

/**
 * Why a Bernoulli decoder cannot model this data (as it is trained on, after any
 * standardisation or scaling to [0, 1]), or null. Outside [0, 1] its "log-likelihood" is no bound at all: a pinwheel
 * trains to a negative loss. Standardised data is refused as such, since it is centred on 0.
 */
export function bernoulliProblem({ train, validation, scaling }: PreparedData): string | null {
  if (scaling === 'standard')
    return 'needs data in [0, 1]; standardised data is centred on 0, so turn standardising off';
  const { min, max } = columnRanges([train, validation], train.dim);
  for (let j = 0; j < train.dim; j++) {
    if (min[j] >= 0 && max[j] <= 1) continue;
    const name = train.columns[j] ?? `column ${j + 1}`;
    return `needs data in [0, 1]; column ${JSON.stringify(name)} spans ${shown(min[j])} … ${shown(max[j])}`;
  }
  return null;
}
