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
