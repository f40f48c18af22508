import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WASM_MODULES, WASM_VARIANTS, WAT_PATH, assembleModule, fuseMultiplyAdds } from '../../build/wasm-to-ts';
import { Arena } from '../../src/engine/kernels/arena';
import { decodeBase64 } from '../../src/engine/kernels/base64';
import {
  gemm,
  gemmReference,
  isWasmGemmAvailable,
  setGemmBackend,
  wasmGemm,
  type GemmBackend,
} from '../../src/engine/kernels/gemm';
import { gemmSparseA } from '../../src/engine/kernels/gemm-sparse';
import { GEMM_WASM_BASE64 } from '../../src/engine/kernels/gemm-wasm.generated';
import { Rng } from '../../src/engine/random';

type Product = typeof gemm;

const BACKENDS: GemmBackend[] = ['js', 'wasm'];
const FLAGS = [false, true];
/** [m, n, k]: 1, odd sizes, and the edges of the wasm blocks (4 × 8 tiles, KC 256, MC 128, NC 1024). */
const SIZES: Array<[number, number, number]> = [
  [1, 1, 1],
  [3, 7, 17],
  [7, 3, 1],
  [17, 63, 129],
  [63, 129, 3],
  [4, 8, 256],
  [5, 9, 257],
  [129, 8, 7],
  [128, 16, 512],
  [132, 17, 513],
  [2, 1025, 2],
  [9, 1031, 3],
];

function randomArray(rng: Rng, length: number, zeroFraction = 0): Float32Array {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.uniform() < zeroFraction ? 0 : rng.normal();
  return x;
}

/**
 * Largest ratio |C − C_ref| / bound over all entries, where the float32 rounding-error bound is
 * (k + 2)·2⁻²³·(Σₚ |op(A)ᵢₚ op(B)ₚⱼ| + |C₀ᵢⱼ|), i.e. a few ulps per term of the sum.
 * A result ≤ 1 means every entry is within the stated tolerance.
 */
function errorRatio(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c0: Float32Array,
  accumulate: boolean,
  product: Product,
): number {
  const got = c0.slice();
  product(transA, transB, m, n, k, a, b, got, accumulate);
  const want = c0.slice();
  gemmReference(transA, transB, m, n, k, a, b, want, accumulate);
  const absSum = accumulate ? c0.map(Math.abs) : new Float32Array(m * n);
  gemmReference(transA, transB, m, n, k, a.map(Math.abs), b.map(Math.abs), absSum, true);
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const bound = (k + 2) * 2 ** -23 * absSum[i] + 1e-37;
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / bound);
  }
  return worst;
}

afterEach(() => setGemmBackend('auto'));

it('has WebAssembly SIMD in this Node, so the wasm tests below exercise the wasm kernel', () => {
  expect(isWasmGemmAvailable()).toBe(true);
});

describe.each(BACKENDS)('gemm, %s backend', (backend) => {
  for (const transA of FLAGS)
    for (const transB of FLAGS)
      for (const accumulate of FLAGS) {
        it(`matches the reference: transA=${transA} transB=${transB} accumulate=${accumulate}`, () => {
          setGemmBackend(backend);
          const rng = new Rng(1000 + Number(transA) * 4 + Number(transB) * 2 + Number(accumulate));
          for (const [m, n, k] of SIZES) {
            const a = randomArray(rng, m * k);
            const b = randomArray(rng, k * n);
            const c0 = randomArray(rng, m * n);
            const ratio = errorRatio(transA, transB, m, n, k, a, b, c0, accumulate, gemm);
            expect(ratio, `${m}×${n}×${k}`).toBeLessThanOrEqual(1);
          }
        });
      }

  it('propagates NaN and ±∞ from A and B', () => {
    setGemmBackend(backend);
    const [m, n, k] = [9, 11, 13];
    const rng = new Rng(5);
    const a = randomArray(rng, m * k);
    const b = randomArray(rng, k * n);
    a[2 * k + 4] = NaN; // row 2 of A → row 2 of C
    b[6 * n + 3] = Infinity; // B[6, 3] → column 3 of C (±∞, or NaN where ∞ − ∞ meets)
    const c = new Float32Array(m * n);
    gemm(false, false, m, n, k, a, b, c, false);
    for (let j = 0; j < n; j++) expect(c[2 * n + j]).toBeNaN();
    for (let i = 0; i < m; i++) if (i !== 2) expect(Number.isFinite(c[i * n + 3])).toBe(false);
    expect(Number.isFinite(c[0])).toBe(true);
  });

  it('writes zeros (or leaves C) when k = 0', () => {
    setGemmBackend(backend);
    const c = new Float32Array([1, 2, 3, 4]);
    gemm(false, false, 2, 2, 0, new Float32Array(0), new Float32Array(0), c, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    gemm(false, false, 2, 2, 0, new Float32Array(0), new Float32Array(0), c, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
  });
});

describe('gemm, auto backend', () => {
  it('matches the reference on both sides of the JS / wasm crossover', () => {
    const rng = new Rng(77);
    for (const [m, n, k] of [
      [5, 5, 5],
      [8, 8, 8],
      [256, 64, 2],
      [40, 40, 40],
      [128, 256, 100],
    ]) {
      const a = randomArray(rng, m * k);
      const b = randomArray(rng, k * n);
      const c0 = randomArray(rng, m * n);
      expect(errorRatio(false, true, m, n, k, a, b, c0, true, gemm)).toBeLessThanOrEqual(1);
    }
  });
});

describe('wasm memory', () => {
  it('grows for a big product after a small one and stays correct after shrinking back', () => {
    setGemmBackend('wasm');
    const rng = new Rng(9);
    const kernels = wasmGemm();
    expect(kernels).toBeDefined();
    const shapes: Array<[number, number, number]> = [
      [3, 5, 7],
      [300, 700, 600],
      [3, 5, 7],
    ];
    const before = kernels!.memoryBytes;
    for (const [m, n, k] of shapes) {
      const a = randomArray(rng, m * k);
      const b = randomArray(rng, k * n);
      const ratio = errorRatio(false, false, m, n, k, a, b, new Float32Array(m * n), false, gemm);
      expect(ratio, `${m}×${n}×${k}`).toBeLessThanOrEqual(1);
    }
    // A, B and C alone of the big product need (300·600 + 600·700 + 300·700)·4 bytes
    expect(kernels!.memoryBytes).toBeGreaterThan(Math.max(before, (300 * 600 + 600 * 700 + 300 * 700) * 4));
  });

  it('ignores elements past the used length of longer arrays', () => {
    setGemmBackend('wasm');
    const a = new Float32Array([1, 2, 99]);
    const b = new Float32Array([3, 4, 99]);
    const c = new Float32Array([0, 7]);
    gemm(false, false, 1, 1, 2, a, b, c, false);
    expect(Array.from(c)).toEqual([11, 7]);
  });
});

describe.each(BACKENDS)('gemmSparseA, %s backend', (backend) => {
  for (const transA of FLAGS)
    for (const transB of FLAGS)
      for (const accumulate of FLAGS) {
        it(`matches the reference with 80 % zeros in A: transA=${transA} transB=${transB} accumulate=${accumulate}`, () => {
          setGemmBackend(backend);
          const rng = new Rng(2000 + Number(transA) * 4 + Number(transB) * 2 + Number(accumulate));
          for (const [m, n, k] of [...SIZES, [128, 256, 784] as [number, number, number]]) {
            const a = randomArray(rng, m * k, 0.8);
            const b = randomArray(rng, k * n);
            const c0 = randomArray(rng, m * n);
            const ratio = errorRatio(transA, transB, m, n, k, a, b, c0, accumulate, gemmSparseA);
            expect(ratio, `${m}×${n}×${k}`).toBeLessThanOrEqual(1);
          }
        });
      }

  it('a binary A (zeros and ones, as binarised pixels) gives the bits of the multiplying path', () => {
    setGemmBackend(backend);
    const rng = new Rng(77);
    for (const [m, n, k] of [
      [128, 256, 784],
      [9, 70, 13],
    ] as [number, number, number][]) {
      const a = randomArray(rng, m * k, 0.8).map((v) => (v === 0 ? 0 : 1));
      const b = randomArray(rng, k * n);
      const binary = new Float32Array(m * n);
      gemmSparseA(false, false, m, n, k, a, b, binary, false);
      // the same rows with one more entry, 2, over a row of B of zeros: every row now takes the
      // multiplying path, and its sum gains only a last + 0
      const a2 = new Float32Array(m * (k + 1));
      for (let i = 0; i < m; i++) {
        a2.set(a.subarray(i * k, (i + 1) * k), i * (k + 1));
        a2[i * (k + 1) + k] = 2;
      }
      const b2 = new Float32Array((k + 1) * n);
      b2.set(b);
      const general = new Float32Array(m * n);
      gemmSparseA(false, false, m, n, k + 1, a2, b2, general, false);
      expect(Buffer.from(binary.buffer).equals(Buffer.from(general.buffer))).toBe(true);
    }
  });

  it('still propagates NaN from A', () => {
    setGemmBackend(backend);
    const a = new Float32Array([0, NaN, 0, 1]);
    const b = new Float32Array([1, 2, 3, 4]);
    const c = new Float32Array(4);
    gemmSparseA(false, false, 2, 2, 2, a, b, c, false);
    expect(c[0]).toBeNaN();
    expect(c[1]).toBeNaN();
    expect(Array.from(c.subarray(2))).toEqual([3, 4]);
  });
});

describe('small products in an arena (dense_rows and narrow_rows, no packing)', () => {
  it('give the bits of the blocked kernel: plain or transposed A and B, accumulating or not, k up to 256', () => {
    const rng = new Rng(5);
    const blocked = wasmGemm()!;
    for (const [m, n, k] of [
      [256, 64, 2],
      [2, 64, 256],
      [3, 32, 1],
      [128, 256, 2],
      [5, 96, 255],
      [64, 4, 256],
      [256, 2, 64],
      [13, 4, 7],
      [3, 2, 1],
    ] as [number, number, number][])
      for (const [transA, transB] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ])
        for (const accumulate of FLAGS) {
          const arena = Arena.create((m * k + k * n + m * n) * 4 + 256)!;
          const a = arena.floats(m * k).fill(0);
          const b = arena.floats(k * n);
          const c = arena.floats(m * n);
          a.set(randomArray(rng, m * k));
          b.set(randomArray(rng, k * n));
          const start = randomArray(rng, m * n);
          c.set(start);
          arena.gemm.runInPlace(transA, transB, m, n, k, a, b, c, accumulate);
          const want = start.slice();
          blocked.run(transA, transB, m, n, k, a, b, want, accumulate);
          const label = `${m}×${n}×${k} transA=${transA} transB=${transB} accumulate=${accumulate}`;
          expect(Buffer.from(c.buffer, c.byteOffset, c.byteLength).equals(Buffer.from(want.buffer)), label).toBe(true);
        }
  });
});

describe('generated wasm module', () => {
  it('is exactly what assembling gemm.wat gives, each variant (run `npm run build:wasm` after editing the .wat)', async () => {
    const assembled = await assembleModule(WASM_MODULES[0]);
    expect(Object.keys(GEMM_WASM_BASE64)).toEqual([...WASM_VARIANTS]);
    for (const variant of WASM_VARIANTS)
      expect(decodeBase64(GEMM_WASM_BASE64[variant]), variant).toEqual(assembled[variant]);
  });

  it('the relaxed variant fuses every multiply-add of the kernels, and only those (4 of them in the narrow 4-column loop, 8 in dense_rows, 9 in narrow_rows)', () => {
    const source = readFileSync(WAT_PATH, 'utf8').replace(/;;.*$/gm, ''); // code only, no comments
    const fused = fuseMultiplyAdds(source);
    const count = (text: string, word: string) => text.split(word).length - 1;
    expect(count(fused, 'f32x4.relaxed_madd')).toBe(38);
    expect(count(fused, 'f32x4.mul')).toBe(0);
    expect(fuseMultiplyAdds('(f32x4.add (local.get $c) (f32x4.mul (local.get $a) (v128.load (local.get $p))))')).toBe(
      '(f32x4.relaxed_madd (local.get $a) (v128.load (local.get $p)) (local.get $c))',
    );
    expect(fuseMultiplyAdds('(f32x4.add (local.get $c) (v128.load (local.get $p)))')).toBe(
      '(f32x4.add (local.get $c) (v128.load (local.get $p)))',
    );
  });

  it('decodes base64 like Buffer does', () => {
    const bytes = Uint8Array.from({ length: 259 }, (_, i) => (i * 37) & 255);
    for (let length = 0; length <= 5; length++) {
      const text = Buffer.from(bytes.subarray(0, length)).toString('base64');
      expect(decodeBase64(text)).toEqual(bytes.subarray(0, length));
    }
    expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
  });
});
