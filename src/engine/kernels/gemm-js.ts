/**
 * Plain JavaScript products: no allocation, loops ordered so the innermost one walks
 * contiguous memory. Used for small sizes (call overhead dominates there) and wherever
 * WebAssembly SIMD is missing. Same contract as gemm() in gemm.ts.
 * With skipZeros, entries of A equal to 0 are skipped (the NN and TN orders only):
 * they contribute nothing, even against a non-finite B.
 */
export function gemmJs(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean, skipZeros = false,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  if (transB) {
    dotRows(transA, m, n, k, a, b, c);
  } else if (transA) {
    outerRows(m, n, k, a, b, c, skipZeros);
  } else {
    axpyRows(m, n, k, a, b, c, skipZeros);
  }
}

/** NN: C[i, :] += A[i, p] · B[p, :] for A [m × k], B [k × n]. */
function axpyRows(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, skipZeros: boolean): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p];
      if (skipZeros && aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

/** TN: C[i, :] += A[p, i] · B[p, :] for A stored [k × m], B [k × n]. */
function outerRows(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, skipZeros: boolean): void {
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[ap + i];
      if (skipZeros && api === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
    }
  }
}

/** NT and TT: C[i, j] += Σₚ op(A)[i, p] · B[j, p] for B stored [n × k], summed in float64. */
function dotRows(transA: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  // op(A)[i, p] = a[i·strideI + p·strideP]
  const strideI = transA ? 1 : k;
  const strideP = transA ? m : 1;
  for (let i = 0; i < m; i++) {
    const ai = i * strideI;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[ai + p * strideP] * b[bj + p];
      c[i * n + j] += sum;
    }
  }
}
