import { gemm } from './gemm';
import { gemmJs } from './gemm-js';

/**
 * gemm() for an op(A) with many exact zeros (binarised inputs): zero entries of A are
 * skipped, so the work scales with the non-zeros. Same contract as gemm(), except that a
 * zero in A contributes exactly 0 even where B holds NaN or ±∞.
 */
export function gemmSparseA(transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void {
  if (transB) return gemm(transA, transB, m, n, k, a, b, c, accumulate);
  gemmJs(transA, transB, m, n, k, a, b, c, accumulate, true);
}
