import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot, readMnistBytes } from '../../src/cli/mnist-file';
import { decodeMnist, makeDataset } from '../../src/engine/datasets';

const bytes = readMnistBytes();
/** Digits per class in the `mnist` package (10,000 in all, not 1,000 of each). */
const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

function counts(labels: Int32Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

const fraction = (x: Float32Array, v: number): number => x.reduce((s, a) => s + (a === v ? 1 : 0), 0) / x.length;

describe('MNIST resource', () => {
  it('is 7,850,012 bytes: 12-byte header, 10,000 labels, 10,000 × 784 pixels', () => {
    expect(bytes.length).toBe(12 + 10_000 + 10_000 * 784);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MNB1');
  });

  it('decodes to 10,000 digits of 28×28 grey levels in [0, 1], with the package’s class counts', () => {
    const d = decodeMnist(bytes);
    expect(d.n).toBe(10_000);
    expect(d.dim).toBe(784);
    expect(d.image).toEqual({ width: 28, height: 28 });
    expect(d.classes).toBe(10);
    expect(counts(d.labels)).toEqual(PACKAGE_COUNTS);
    let min = Infinity,
      max = -Infinity,
      sum = 0;
    for (const v of d.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // measured mean grey level 0.1311
    expect(sum / d.x.length).toBeCloseTo(0.131, 2);
    expect(d.grey).toBeUndefined();
    expect(d.resample).toBeUndefined();
  });

  it('matches the package’s JSON digit for digit (to one grey level in 255)', () => {
    const json = JSON.parse(readFileSync(require.resolve('mnist/src/digits/7.json'), 'utf8')) as { data: number[] };
    const d = decodeMnist(bytes, { count: 10 }, 5);
    const i = Array.from(d.labels).indexOf(7);
    const row = d.x.subarray(i * 784, (i + 1) * 784);
    const k = Array.from({ length: 1070 }, (_, j) => j).find((j) =>
      row.every((v, p) => Math.abs(v - json.data[j * 784 + p]) <= 0.5 / 255 + 1e-6),
    );
    expect(k).toBeDefined();
  });

  it('small counts hold every class, in a seeded order', () => {
    const a = decodeMnist(bytes, { count: 20 }, 1);
    expect(Array.from(a.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = decodeMnist(bytes, { count: 20 }, 1);
    const c = decodeMnist(bytes, { count: 20 }, 2);
    expect(new Uint8Array(a.x.buffer)).toEqual(new Uint8Array(b.x.buffer));
    expect(new Uint8Array(a.x.buffer)).not.toEqual(new Uint8Array(c.x.buffer));
  });

  it('fixed binarisation gives {0, 1} with about 13% ones', () => {
    const d = decodeMnist(bytes, { binarize: 'fixed', threshold: 0.5 });
    const ones = fraction(d.x, 1);
    expect(ones + fraction(d.x, 0)).toBe(1);
    // measured 0.1326 (grey > 0.5)
    expect(ones).toBeGreaterThan(0.13);
    expect(ones).toBeLessThan(0.2);
    expect(fraction(decodeMnist(bytes, { binarize: 'fixed', threshold: 0.1 }, 0).x, 1)).toBeGreaterThan(ones);
  });

  it('resample keeps grey levels and draws x ~ Bernoulli(grey) with the seed', () => {
    const d = makeDataset(
      {
        kind: 'mnist',
        params: { binarize: 'resample', count: 2000 },
        seed: 4,
        validation: 0,
        standardize: false,
        scaleToUnit: false,
      },
      { mnistBytes: bytes },
    );
    expect(d.resample).toBe(true);
    expect(d.grey).toHaveLength(2000 * 784);
    const ones = fraction(d.x, 1);
    expect(ones + fraction(d.x, 0)).toBe(1);
    // E[x] = mean grey (≈ 0.131); measured 0.1312 over all 10,000 digits
    let grey = 0;
    for (const g of d.grey!) grey += g;
    expect(Math.abs(ones - grey / d.grey!.length)).toBeLessThan(0.003);
    let impossible = 0;
    for (let i = 0; i < d.x.length; i++)
      if ((d.grey![i] === 0 && d.x[i] !== 0) || (d.grey![i] === 1 && d.x[i] !== 1)) impossible++;
    expect(impossible).toBe(0);
  });

  it.each([
    [
      (b: Uint8Array) => b.subarray(0, 1000),
      'MNIST data: truncated: 1000 bytes, expected 7850012 for 10000 digits of 28×28',
    ],
    [(b: Uint8Array) => b.subarray(0, 5), 'MNIST data: 5 bytes is shorter than the 12-byte header'],
    [
      (b: Uint8Array) => {
        const c = b.slice(0, 1000);
        c[0] = 0x50;
        return c;
      },
      'MNIST data: bad magic "PNB1", expected "MNB1"',
    ],
    [
      (b: Uint8Array) => {
        const c = new Uint8Array(b.length + 3);
        c.set(b);
        return c;
      },
      'MNIST data: too long: 7850015 bytes',
    ],
    [
      (b: Uint8Array) => {
        const c = b.slice();
        c[12 + 5] = 10;
        return c;
      },
      'MNIST data: digit 5 has label 10, expected 0–9',
    ],
  ])('a bad file gives a clear error (%#)', (corrupt, message) => {
    expect(() => decodeMnist(corrupt(bytes))).toThrow(message);
  });

  it('finds the project root by its package.json and says when the resource is missing', () => {
    const root = findProjectRoot();
    expect(readMnistBytes(join(root, 'src', 'cli')).length).toBe(bytes.length);
    const fake = mkdtempSync(join(tmpdir(), 'vae-lab-'));
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'vae-lab' }));
    expect(() => readMnistBytes(fake)).toThrow(
      /MNIST data not found at .*resources.mnist-digits\.bin; run `npm run build:data`/,
    );
  });
});
