/**
 * The posterior q(z|x) = N(μ, diag σ²) seen in two chosen latent dimensions: an axis-aligned
 * ellipse with semi-axes s·σ, σ = exp(½ logvar).
 */
export interface Ellipse {
  cx: number;
  cy: number;
  /** Semi-axes in latent units. */
  rx: number;
  ry: number;
}

/** The ±`sigmas`·σ ellipse of row `row` in dimensions (i, j) of means/logvars `[rows × K]`. */
export function posteriorEllipse(
  means: Float32Array,
  logvars: Float32Array,
  k: number,
  row: number,
  i: number,
  j: number,
  sigmas = 2,
): Ellipse {
  const at = (a: Float32Array, d: number) => a[row * k + d];
  return {
    cx: at(means, i),
    cy: at(means, j),
    rx: sigmas * Math.exp(0.5 * at(logvars, i)),
    ry: sigmas * Math.exp(0.5 * at(logvars, j)),
  };
}

/** Index of the row whose (i, j) point is nearest to (x, y), or -1 when none is within `maxDistance`. */
export function nearestRow(
  means: Float32Array,
  k: number,
  rows: number,
  i: number,
  j: number,
  x: number,
  y: number,
  maxDistance = Infinity,
): number {
  let best = -1;
  let bestD2 = maxDistance * maxDistance;
  for (let r = 0; r < rows; r++) {
    const dx = means[r * k + i] - x;
    const dy = means[r * k + j] - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = r;
    }
  }
  return best;
}
