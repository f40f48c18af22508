/**
 * The data of each benchmark workload, `[n × dim]` row-major Float32Array, the same for
 * every engine: a pinwheel for `lecture`, the `mnist` package's digits binarised at a
 * fixed threshold for `mnist`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from '../src/engine/random';
import { MNIST_THRESHOLD, PINWHEEL, type Workload, type WorkloadName } from './workloads';

const PINWHEEL_SCALE = 2.5;

/**
 * Pinwheel: class k's points start at (1 + r, t) with r ~ N(0, radialStd²),
 * t ~ N(0, tangentialStd²), and are rotated by 2πk/K + rate·e^{1+r}, so each arm bends
 * more the further out it goes. Returns `[K·perClass × 2]`.
 */
export function makePinwheel(seed: number): Float32Array {
  const { classes, perClass, radialStd, tangentialStd, rate } = PINWHEEL;
  const rng = new Rng(seed);
  const x = new Float32Array(classes * perClass * 2);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++) {
      const a = 1 + rng.normal() * radialStd;
      const b = rng.normal() * tangentialStd;
      const angle = (2 * Math.PI * k) / classes + rate * Math.exp(a);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const row = (k * perClass + i) * 2;
      x[row] = PINWHEEL_SCALE * (a * c - b * s);
      x[row + 1] = PINWHEEL_SCALE * (a * s + b * c);
    }
  }
  return x;
}

/** The 10,000 digits of the `mnist` package, each pixel 1 where grey ≥ threshold. Returns `[10000 × 784]`. */
export function loadBinaryMnist(): Float32Array {
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const chunks: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const parsed = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] };
    chunks.push(parsed.data);
  }
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const x = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) x[offset + i] = chunk[i] >= MNIST_THRESHOLD ? 1 : 0;
    offset += chunk.length;
  }
  return x;
}

const cache = new Map<WorkloadName, Float32Array>();

/** The workload's data, `[n × dim]`, built once per process. */
export function workloadData(w: Workload): Float32Array {
  let x = cache.get(w.name);
  if (!x) {
    x = w.name === 'lecture' ? makePinwheel(w.dataSeed) : loadBinaryMnist();
    if (x.length !== w.n * w.dim) throw new Error(`${w.name} data has ${x.length} values, expected ${w.n} × ${w.dim}`);
    cache.set(w.name, x);
  }
  return x;
}
