import type { Gemm } from './gemm-types';

/**
 * Naive reference product for tests and the benchmark: C = op(A)·op(B) or C += op(A)·op(B),
 * each entry summed in float64 and rounded once to float32 on store.
 * op(A) is [m × k] (stored [k × m] when transA), op(B) is [k × n] (stored [n × k] when transB),
 * C is [m × n]; all row-major.
 */
export const gemmReference: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = accumulate ? c[i * n + j] : 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const bpj = transB ? b[j * k + p] : b[p * n + j];
        sum += aip * bpj;
      }
      c[i * n + j] = sum;
    }
  }
};
