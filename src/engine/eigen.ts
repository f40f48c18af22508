/** Eigenvalues of small symmetric matrices (cyclic Jacobi rotations, float64) and the data covariance. */

/** Largest dimension whose covariance the engine decomposes (Jacobi costs O(d³) per sweep). */
export const SPECTRUM_MAX_DIM = 64;
const MAX_SWEEPS = 100;

/**
 * Eigenvalues of the symmetric `n × n` matrix `a` (row-major, only read), descending. Cyclic
 * Jacobi: each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass
 * is below 1e-22 of the total (about 1e-11 relative on the eigenvalues).
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): number[] {
  if (a.length !== n * n)
    throw new Error(`symmetricEigenvalues: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const m = Float64Array.from(a);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (m[i * n + j] + m[j * n + i]);
      m[i * n + j] = s;
      m[j * n + i] = s;
    }
  }
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i] * m[i];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * m[p * n + q] * m[p * n + q];
    if (off <= 1e-22 * total || off === 0) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(m, n, p, q);
  }
  return Array.from({ length: n }, (_, i) => m[i * n + i]).sort((x, y) => y - x);
}

/** One Jacobi rotation in the (p, q) plane that zeroes m[p][q] (Golub & Van Loan, Algorithm 8.5.1). */
function rotate(m: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q];
  if (apq === 0) return;
  const tau = (m[q * n + q] - m[p * n + p]) / (2 * apq);
  const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
  const c = 1 / Math.sqrt(1 + t * t);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
}

/** The (population, divide-by-n) covariance of rows x `[n × dim]`, `[dim × dim]`, in float64. */
export function covariance(x: Float32Array, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += x[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= Math.max(1, n);
  const c = new Float64Array(dim * dim);
  const d = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) d[j] = x[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) c[a * dim + b] += d[a] * d[b];
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      c[a * dim + b] /= Math.max(1, n);
      c[b * dim + a] = c[a * dim + b];
    }
  }
  return c;
}
