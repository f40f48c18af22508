import { arenaOf } from './arena';
import type { Gemm } from './gemm-types';
import { getGemmBackend, gemm, useWasmFor, wasmGemm } from './gemm';
import { MAX_SPARSE_K } from './gemm-wasm';
import { gemmJs } from './gemm-js';

/**
 * gemm() for an op(A) with many exact zeros (binarised MNIST inputs are ~80 % zeros):
 * zero entries of A are skipped, so the work scales with the non-zeros. Use it for
 * X·W (NN) and Xᵀ·dY (TN, A = X stored [batch × in]). Same contract as gemm(), except that
 * a zero in A contributes exactly 0 even where B holds NaN or ±∞. With transB there is
 * no sparse kernel: it is plain gemm().
 */
export const gemmSparseA: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
  if (transB || m <= 0 || n <= 0 || k <= 0) return gemm(transA, transB, m, n, k, a, b, c, accumulate);
  const arena = getGemmBackend() === 'js' || k > MAX_SPARSE_K ? undefined : arenaOf(a, b, c);
  if (arena !== undefined) return arena.gemm.runSparseInPlace(transA, m, n, k, a, b, c, accumulate);
  const simd = useWasmFor(m * n * k) ? wasmGemm() : undefined;
  if (simd !== undefined) simd.runSparse(transA, m, n, k, a, b, c, accumulate);
  else gemmJs(transA, false, m, n, k, a, b, c, accumulate, true);
};
