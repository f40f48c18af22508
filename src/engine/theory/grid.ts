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
  // Raw sums of w, w·z and w·z·zᵀ in one pass (K ≤ 2), centred at the first point for stability.
  const o0 = z[0];
  const o1 = k > 1 ? z[1] : 0;
  let s0 = 0;
  let s1 = 0;
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  for (let g = 0; g < n; g++) {
    const w = Math.exp(logW[g] - lse);
    const a = z[g * k] - o0;
    const b = k > 1 ? z[g * k + 1] - o1 : 0;
    s0 += w * a;
    s1 += w * b;
    s00 += w * a * a;
    s01 += w * a * b;
    s11 += w * b * b;
  }
  if (k === 1) return { mean: [o0 + s0], cov: [Math.max(0, s00 - s0 * s0)] };
  const c01 = s01 - s0 * s1;
  return { mean: [o0 + s0, o1 + s1], cov: [Math.max(0, s00 - s0 * s0), c01, c01, Math.max(0, s11 - s1 * s1)] };
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
