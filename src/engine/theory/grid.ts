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

/**
 * log Σ_g exp(logW_g) and the mean `[K]` and covariance `[K × K]` of points z `[n × K]` (K ≤ 2)
 * under the normalised weights, in one pass of exponentials (shifted by the largest log-weight;
 * sums centred at the first point for stability).
 */
export function weightedMoments(z: Float32Array, logW: Float64Array, n: number, k: number) {
  let max = -Infinity;
  for (let g = 0; g < n; g++) if (logW[g] > max) max = logW[g];
  const o0 = z[0];
  const o1 = k > 1 ? z[1] : 0;
  let s = 0;
  let s0 = 0;
  let s1 = 0;
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  if (Number.isFinite(max)) {
    for (let g = 0; g < n; g++) {
      const w = Math.exp(logW[g] - max);
      const a = z[g * k] - o0;
      const b = k > 1 ? z[g * k + 1] - o1 : 0;
      s += w;
      s0 += w * a;
      s1 += w * b;
      s00 += w * a * a;
      s01 += w * a * b;
      s11 += w * b * b;
    }
  }
  const lse = Number.isFinite(max) ? max + Math.log(s) : max;
  if (!(s > 0)) return { lse, mean: new Array<number>(k).fill(NaN), cov: new Array<number>(k * k).fill(NaN) };
  const [m0, m1, v00, v01, v11] = [s0 / s, s1 / s, s00 / s, s01 / s, s11 / s];
  if (k === 1) return { lse, mean: [o0 + m0], cov: [Math.max(0, v00 - m0 * m0)] };
  const c01 = v01 - m0 * m1;
  return { lse, mean: [o0 + m0, o1 + m1], cov: [Math.max(0, v00 - m0 * m0), c01, c01, Math.max(0, v11 - m1 * m1)] };
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
