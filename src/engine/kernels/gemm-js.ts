import type { GemmSkippingZeros } from './gemm-types';

/**
 * Plain JavaScript products: no allocation, loops ordered so the innermost one walks
 * contiguous memory. Used for small sizes (call overhead dominates there) and wherever
 * WebAssembly SIMD is missing. Same contract as gemm() in gemm.ts.
 * With skipZeros (NN and TN only), entries of A equal to 0 are skipped: they contribute
 * nothing, even against a non-finite B.
 */
/** One way through the rows of a product: C[i, :] += (row of op(A)) · B, zeros of A skipped if asked. */
type RowKernel = (
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  skipZeros: boolean,
) => void;

export const gemmJs: GemmSkippingZeros = (transA, transB, m, n, k, a, b, c, accumulate, skipZeros = false) => {
  if (skipZeros && !transB) {
    if (!accumulate) c.fill(0, 0, m * n);
    if (transA) outerRows(m, n, k, a, b, c, true);
    else axpyRows(m, n, k, a, b, c, true);
    return;
  }
  // op(A)[i, p] = a[i·ra + p·ca], op(B)[p, j] = b[p·rb + j·cb]
  const ra = transA ? 1 : k;
  const ca = transA ? m : 1;
  const rb = transB ? 1 : n;
  const cb = transB ? k : 1;
  tiledDots(m, n, k, a, ra, ca, b, rb, cb, c, accumulate);
};

/**
 * Each C[i, j..j+3] is four float64 dot products over p, so C is read and written once
 * and the inner loop has no float32 stores (those made a plain i-p-j loop 2× slower here).
 */
function tiledDots(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ra: number,
  ca: number,
  b: Float32Array,
  rb: number,
  cb: number,
  c: Float32Array,
  accumulate: boolean,
): void {
  const n4 = n - (n & 3);
  const cb2 = cb + cb;
  const cb3 = cb2 + cb;
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let p = 0, ap = i * ra, bp = j * cb; p < k; p++, ap += ca, bp += rb) {
        const x = a[ap];
        s0 += x * b[bp];
        s1 += x * b[bp + cb];
        s2 += x * b[bp + cb2];
        s3 += x * b[bp + cb3];
      }
      c[ci + j] = accumulate ? c[ci + j] + s0 : s0;
      c[ci + j + 1] = accumulate ? c[ci + j + 1] + s1 : s1;
      c[ci + j + 2] = accumulate ? c[ci + j + 2] + s2 : s2;
      c[ci + j + 3] = accumulate ? c[ci + j + 3] + s3 : s3;
    }
    for (let j = n4; j < n; j++) {
      let s0 = 0;
      for (let p = 0, ap = i * ra, bp = j * cb; p < k; p++, ap += ca, bp += rb) s0 += a[ap] * b[bp];
      c[ci + j] = accumulate ? c[ci + j] + s0 : s0;
    }
  }
}

/** NN: C[i, :] += A[i, p] · B[p, :] for A [m × k], B [k × n]. */
const axpyRows: RowKernel = (m, n, k, a, b, c, skipZeros) => {
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
};

/** TN: C[i, :] += A[p, i] · B[p, :] for A stored [k × m], B [k × n]. */
const outerRows: RowKernel = (m, n, k, a, b, c, skipZeros) => {
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
};
