/**
 * Micro-benchmark of the matrix-product kernels: GFLOP/s (2·m·n·k per call) of each path
 * for the MNIST layer shapes (batch 128, 784↔256) and the lecture shapes (batch 256, 2-64-4).
 * Run: npx tsx bench/gemm-bench.ts
 */
import { gemm, gemmReference, isWasmGemmAvailable, setGemmBackend, type GemmBackend } from '../src/engine/kernels/gemm';
import { gemmSparseA } from '../src/engine/kernels/gemm-sparse';
import { Rng } from '../src/engine/random';

interface Shape {
  label: string;
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  accumulate: boolean;
  /** Fraction of exact zeros in A (binarised MNIST pixels are ~80 % zero). */
  zeroFraction?: number;
}

const SHAPES: Shape[] = [
  {
    label: 'enc fwd  X·W      NN',
    transA: false,
    transB: false,
    m: 128,
    n: 256,
    k: 784,
    accumulate: false,
    zeroFraction: 0.8,
  },
  { label: 'enc bwd  dY·Wᵀ    NT', transA: false, transB: true, m: 128, n: 784, k: 256, accumulate: false },
  {
    label: 'enc grad Xᵀ·dY    TN',
    transA: true,
    transB: false,
    m: 784,
    n: 256,
    k: 128,
    accumulate: true,
    zeroFraction: 0.8,
  },
  { label: 'dec fwd  H·W      NN', transA: false, transB: false, m: 128, n: 784, k: 256, accumulate: false },
  { label: 'dec bwd  dY·Wᵀ    NT', transA: false, transB: true, m: 128, n: 256, k: 784, accumulate: false },
  { label: 'dec grad Hᵀ·dY    TN', transA: true, transB: false, m: 256, n: 784, k: 128, accumulate: true },
  { label: 'lecture 2→64      NN', transA: false, transB: false, m: 256, n: 64, k: 2, accumulate: false },
  { label: 'lecture 64→4      NN', transA: false, transB: false, m: 256, n: 4, k: 64, accumulate: false },
  { label: 'lecture dH=dY·Wᵀ  NT', transA: false, transB: true, m: 256, n: 64, k: 4, accumulate: false },
  { label: 'lecture dW=Hᵀ·dY  TN', transA: true, transB: false, m: 64, n: 4, k: 256, accumulate: true },
  { label: 'lecture dW1=Xᵀ·dH TN', transA: true, transB: false, m: 2, n: 64, k: 256, accumulate: true },
];

type Product = (s: Shape, a: Float32Array, b: Float32Array, c: Float32Array) => void;

function randomArray(rng: Rng, length: number, zeroFraction = 0): Float32Array {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.uniform() < zeroFraction ? 0 : rng.uniform() * 2 - 1;
  return x;
}

/** Median GFLOP/s over a few timed rounds of ≥ 100 ms each. */
function measure(s: Shape, product: Product, rng: Rng): number {
  const a = randomArray(rng, s.m * s.k, s.zeroFraction);
  const b = randomArray(rng, s.k * s.n);
  const c = new Float32Array(s.m * s.n);
  const flops = 2 * s.m * s.n * s.k;
  for (let i = 0; i < 5; i++) product(s, a, b, c); // warm up, tier up
  let reps = 1;
  const rates: number[] = [];
  while (rates.length < 5) {
    const start = performance.now();
    for (let r = 0; r < reps; r++) product(s, a, b, c);
    const ms = performance.now() - start;
    if (ms < 100) reps *= 2;
    else rates.push((flops * reps) / (ms * 1e6));
  }
  rates.sort((x, y) => x - y);
  return rates[2];
}

function withBackend(backend: GemmBackend): Product {
  return (s, a, b, c) => {
    setGemmBackend(backend);
    gemm(s.transA, s.transB, s.m, s.n, s.k, a, b, c, s.accumulate);
  };
}

const PATHS: Array<[string, Product]> = [
  ['reference', (s, a, b, c) => gemmReference(s.transA, s.transB, s.m, s.n, s.k, a, b, c, s.accumulate)],
  ['js', withBackend('js')],
  ['wasm', withBackend('wasm')],
  ['auto', withBackend('auto')],
  [
    'sparseA',
    (s, a, b, c) => {
      setGemmBackend('auto');
      gemmSparseA(s.transA, s.transB, s.m, s.n, s.k, a, b, c, s.accumulate);
    },
  ],
];

function main(): void {
  const rng = new Rng(7);
  console.log(`wasm SIMD available: ${isWasmGemmAvailable()}`);
  console.log(`GFLOP/s (2·m·n·k per call; sparseA counts the dense flops, A ${'~'}80 % zeros where marked *)`);
  console.log(['shape'.padEnd(22), 'm×n×k'.padEnd(13), ...PATHS.map(([name]) => name.padStart(9))].join(' '));
  for (const s of SHAPES) {
    const cells = PATHS.map(([name, product]) => {
      const skip = name === 'reference' && s.m * s.n * s.k > 1e7;
      return (skip ? '-' : measure(s, product, rng).toFixed(2)).padStart(9);
    });
    const label = s.label + (s.zeroFraction ? '*' : '');
    console.log([label.padEnd(22), `${s.m}×${s.n}×${s.k}`.padEnd(13), ...cells].join(' '));
  }
  setGemmBackend('auto');
}

main();
