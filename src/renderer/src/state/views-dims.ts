/**
 * The latent dimensions a 2-D map shows for latent size k: both inside 0 … k−1 and apart when
 * k > 1 (both 0 when k = 1). With no latent yet (k = 0) the choice is left as it is.
 */
export function fitDims(dimX: number, dimY: number, k: number): [number, number] {
  if (k < 1) return [dimX, dimY];
  const x = dimX >= 0 && dimX < k ? dimX : 0;
  let y = dimY >= 0 && dimY < k ? dimY : Math.min(1, k - 1);
  if (k > 1 && x === y) y = x === 0 ? 1 : 0;
  return [x, y];
}

/**
 * The two latent dimensions whose encoder means vary most over the points (the most active units:
 * Var over x of μ_i(x)), the more active first; [0, 1] order kept on a tie. `means` is rows × k.
 */
export function mostActiveDims(means: Float32Array, k: number, rows: number): [number, number] {
  if (k < 2 || rows < 1) return [0, Math.min(1, Math.max(0, k - 1))];
  const sum = new Float64Array(k);
  const sq = new Float64Array(k);
  for (let r = 0; r < rows; r += 1)
    for (let d = 0; d < k; d += 1) {
      const v = means[r * k + d];
      sum[d] += v;
      sq[d] += v * v;
    }
  const variance = Array.from(sum, (s, d) => sq[d] / rows - (s / rows) ** 2);
  const order = variance.map((v, d) => ({ v: Number.isFinite(v) ? v : -1, d })).sort((a, b) => b.v - a.v || a.d - b.d);
  return [order[0].d, order[1].d];
}
