/**
 * Latent grids for quadrature over z (latent size 1 or 2): a frame (centre, orthonormal axes,
 * half-widths) holds size^K cell centres; the midpoint rule on it is spectrally accurate for
 * smooth integrands once the spacing is below the integrand's width.
 */

/** A box in latent space: z = centre + Σ_j u_j·axes[j], u_j ∈ [−half[j], half[j]]. */
export interface Frame {
  centre: number[];
  /** K orthonormal vectors of length K. */
  axes: number[][];
  half: number[];
  /** Cells per axis. */
  size: number;
}

/** Cell centres `[size^K × K]`; for K = 2 the first axis runs fastest. */
export function framePoints(f: Frame, out?: Float32Array): Float32Array {
  const k = f.centre.length;
  const cells = f.size ** k;
  const z = out ?? new Float32Array(cells * k);
  const h = f.half.map((w) => (2 * w) / f.size);
  for (let g = 0; g < cells; g++) {
    let rest = g;
    for (let j = 0; j < k; j++) z[g * k + j] = f.centre[j];
    for (let a = 0; a < k; a++) {
      const u = -f.half[a] + h[a] * ((rest % f.size) + 0.5);
      rest = Math.floor(rest / f.size);
      for (let j = 0; j < k; j++) z[g * k + j] += u * f.axes[a][j];
    }
  }
  return z;
}

/** The volume of one cell (rotation keeps volume). */
export function cellVolume(f: Frame): number {
  return f.half.reduce((v, w) => v * ((2 * w) / f.size), 1);
}

/** log Σ exp(a_i), stable: the largest term is factored out. */
export function logSumExp(a: ArrayLike<number>, n = a.length): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (a[i] > max) max = a[i];
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(a[i] - max);
  return max + Math.log(sum);
}

/** Mean `[K]` and covariance `[K × K]` of points z under the normalised weights exp(logW − lse). */
export function weightedMoments(z: Float32Array, logW: Float64Array, n: number, k: number, lse: number) {
  const mean = new Array<number>(k).fill(0);
  const cov = new Array<number>(k * k).fill(0);
  for (let g = 0; g < n; g++) {
    const w = Math.exp(logW[g] - lse);
    for (let j = 0; j < k; j++) mean[j] += w * z[g * k + j];
  }
  for (let g = 0; g < n; g++) {
    const w = Math.exp(logW[g] - lse);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) cov[a * k + b] += w * (z[g * k + a] - mean[a]) * (z[g * k + b] - mean[b]);
  }
  return { mean, cov };
}

/** Eigenvalues (descending) and unit eigenvectors of a symmetric 1×1 or 2×2 matrix. */
export function symmetricEigen(cov: number[], k: number): { values: number[]; vectors: number[][] } {
  if (k === 1) return { values: [cov[0]], vectors: [[1]] };
  const [a, b, , d] = cov;
  const mid = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const l1 = mid + r;
  const l2 = mid - r;
  // The eigenvector of l1: (b, l1 − a), or (l1 − d, b); pick the better-conditioned one.
  let v = Math.abs(b) < 1e-300 ? (a >= d ? [1, 0] : [0, 1]) : [b, l1 - a];
  const len = Math.hypot(v[0], v[1]);
  v = [v[0] / len, v[1] / len];
  return { values: [l1, l2], vectors: [v, [-v[1], v[0]]] };
}
