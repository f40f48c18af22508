import { arenaOf } from './arena';
import type { Gemm } from './gemm-types';
import { gemmJs } from './gemm-js';
import { WasmGemm } from './gemm-wasm';

export { gemmReference } from './gemm-reference';

/** Which implementation gemm() uses: 'auto' picks by size; the others force one (tests, benchmarks). */
export type GemmBackend = 'auto' | 'js' | 'wasm';

/**
 * In 'auto', products with m·n·k below this many multiply-adds stay in JavaScript, where
 * the copies into the wasm module cost more than SIMD saves. Measured here (Node 20):
 * 6×6×6 js 0.34 µs / wasm 0.38 µs, 8×8×8 js 0.56 / wasm 0.37, 16×16×16 js 5.5 / wasm 1.0;
 * the lecture layers (256×64×2: js 76 µs / wasm 9 µs) are already well past the crossover.
 */
export const WASM_MIN_MULTIPLY_ADDS = 512;

let backend: GemmBackend = 'auto';
let wasm: WasmGemm | undefined | null = null; // null: not tried yet

/** Force a backend. 'wasm' silently means 'js' where WebAssembly SIMD is missing. */
export function setGemmBackend(next: GemmBackend): void {
  backend = next;
}

export function getGemmBackend(): GemmBackend {
  return backend;
}

/** The WebAssembly SIMD kernels, instantiated on first use; undefined where unsupported. */
export function wasmGemm(): WasmGemm | undefined {
  if (wasm === null) {
    try {
      wasm = WasmGemm.create();
    } catch {
      wasm = undefined; // e.g. a host that forbids compiling WebAssembly
    }
  }
  return wasm;
}

/** Whether the WebAssembly SIMD path is available in this host. */
export function isWasmGemmAvailable(): boolean {
  return wasmGemm() !== undefined;
}

/**
 * C = op(A) · op(B)  (accumulate=false)   or   C += op(A) · op(B)  (accumulate=true)
 * op(A) is [m × k], op(B) is [k × n], C is [m × n]; all dense row-major Float32Array starting at index 0.
 * transA: A is stored as [k × m] (so op(A) = Aᵀ); transB: B is stored as [n × k].
 * Sums run in float32 (order differs between paths); NaN and ±∞ propagate as in IEEE arithmetic.
 */
export const gemm: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return;
  }
  const arena = backend === 'js' ? undefined : arenaOf(a, b, c);
  if (arena !== undefined) {
    arena.gemm.runInPlace(transA, transB, m, n, k, a, b, c, accumulate);
    return;
  }
  const simd = useWasmFor(m * n * k) ? wasmGemm() : undefined;
  if (simd !== undefined) simd.run(transA, transB, m, n, k, a, b, c, accumulate);
  else gemmJs(transA, transB, m, n, k, a, b, c, accumulate);
};

/** Whether the current backend setting sends a product of this many multiply-adds to wasm. */
export function useWasmFor(multiplyAdds: number): boolean {
  if (backend === 'js') return false;
  return backend === 'wasm' || multiplyAdds >= WASM_MIN_MULTIPLY_ADDS;
}
