import { Rng } from '../random';
import type { Dataset } from './dataset';
import { MNIST_HEADER_BYTES, readMnistHeader } from './mnist-format';

export type MnistBinarize = 'none' | 'fixed' | 'resample';
export interface MnistParams {
  count: number;
  binarize: MnistBinarize;
  threshold: number;
}

const DIGIT_CLASSES = 10;
const DEFAULTS: MnistParams = { count: Infinity, binarize: 'none', threshold: 0.5 };

/**
 * Builds the MNIST dataset from the bytes of resources/mnist-digits.bin (callers read the
 * file). The first `count` digits of an interleaved order are kept: each class shuffled
 * with `seed`, then one digit of each class in turn, so small counts hold every class.
 * binarize: 'none' → x = grey in [0, 1]; 'fixed' → x = [grey > threshold];
 * 'resample' → x ~ Bernoulli(grey) drawn with `seed`, `grey` kept and `resample` set.
 */
export function decodeMnist(bytes: Uint8Array, params: Partial<MnistParams> = {}, seed = 0): Dataset {
  const p = { ...DEFAULTS, ...params };
  const { count: total, width, height } = readMnistHeader(bytes);
  const dim = width * height;
  const labelBytes = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + total);
  const pixels = bytes.subarray(MNIST_HEADER_BYTES + total);
  for (let i = 0; i < total; i++) {
    if (labelBytes[i] >= DIGIT_CLASSES)
      throw new Error(`MNIST data: digit ${i} has label ${labelBytes[i]}, expected 0–9`);
  }
  const rng = new Rng(seed);
  const order = interleavedOrder(labelBytes, rng).subarray(0, Math.min(p.count, total));
  const n = order.length;
  const grey = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = order[i] * dim;
    labels[i] = labelBytes[order[i]];
    for (let j = 0; j < dim; j++) grey[i * dim + j] = pixels[src + j] / 255;
  }
  const columns = Array.from({ length: dim }, (_, j) => `r${Math.floor(j / width)}c${j % width}`);
  const base = { n, dim, labels, classes: DIGIT_CLASSES, columns, image: { width, height } };
  if (p.binarize === 'none') return { ...base, x: grey };
  if (p.binarize === 'fixed') return { ...base, x: grey.map((g) => (g > p.threshold ? 1 : 0)) };
  const x = new Float32Array(grey.length);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < grey[i] ? 1 : 0;
  return { ...base, x, grey, resample: true };
}

/** Indices of all digits: every class shuffled, then taken one per class in turn (0, 1, …, 9, 0, …). */
function interleavedOrder(labels: Uint8Array, rng: Rng): Uint32Array {
  const byClass: number[][] = Array.from({ length: DIGIT_CLASSES }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  for (const list of byClass) rng.shuffle(list);
  const out = new Uint32Array(labels.length);
  let filled = 0;
  for (let round = 0; filled < out.length; round++) {
    for (const list of byClass) if (round < list.length) out[filled++] = list[round];
  }
  return out;
}
