/**
 * Moving between points of the latent map with the arrow keys: the nearest point in the arrow's
 * direction (within a 45° cone), in the two dimensions shown.
 */
export function neighbourRow(
  means: Float32Array,
  k: number,
  rows: number,
  i: number,
  j: number,
  from: number,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
): number {
  const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[key];
  const x0 = means[from * k + i];
  const y0 = means[from * k + j];
  let best = from;
  let bestScore = Infinity;
  for (let r = 0; r < rows; r++) {
    if (r === from) continue;
    const ex = means[r * k + i] - x0;
    const ey = means[r * k + j] - y0;
    const along = ex * dx + ey * dy;
    const across = Math.abs(ex * dy - ey * dx);
    if (along <= 0 || across > along) continue;
    // Prefer points straight ahead: distance along plus twice the distance across.
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

/** The row nearest the centre of the points shown, where keyboard travel starts. */
export function centralRow(means: Float32Array, k: number, rows: number, i: number, j: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let r = 0; r < rows; r++) {
    const d = means[r * k + i] ** 2 + means[r * k + j] ** 2;
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return best;
}
