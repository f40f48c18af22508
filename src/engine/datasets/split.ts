import { Rng } from '../random';
import type { Dataset } from './dataset';

/** The rows `rows` of a dataset, every per-row field included, in that order. */
export function subsetRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const pick = (a: Float32Array, width: number): Float32Array => {
    const out = new Float32Array(rows.length * width);
    for (let i = 0; i < rows.length; i++) out.set(a.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
    return out;
  };
  const labels = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) labels[i] = data.labels[rows[i]];
  const out: Dataset = { ...data, x: pick(data.x, data.dim), n: rows.length, labels, columns: [...data.columns] };
  if (data.grey) out.grey = pick(data.grey, data.dim);
  if (data.latent) out.latent = pick(data.latent, data.latentDim ?? data.latent.length / data.n);
  return out;
}

/**
 * Holds out round(n·validationFraction) examples chosen by a shuffle seeded with `seed`;
 * both parts keep the original row order. A fraction of 0 returns `data` itself as train.
 */
export function splitDataset(
  data: Dataset,
  validationFraction: number,
  seed: number,
): { train: Dataset; validation: Dataset } {
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new Error(`validation fraction ${validationFraction} must be at least 0 and below 1`);
  }
  const held = Math.min(data.n - 1, Math.round(data.n * validationFraction));
  if (held <= 0) return { train: data, validation: subsetRows(data, []) };
  const order = new Uint32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const validation = order.slice(data.n - held).sort();
  const train = order.slice(0, data.n - held).sort();
  return { train: subsetRows(data, train), validation: subsetRows(data, validation) };
}
