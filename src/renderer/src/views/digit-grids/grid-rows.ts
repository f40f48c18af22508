/**
 * The snapshot's latent grid `[size² × D]` has row r at z₂ = axis[r], ascending; on screen z₂
 * should grow upwards, so the rows are reversed: out row r = in row size − 1 − r.
 */
export function flipGridRows(mean: Float32Array, size: number, dim: number): Float32Array {
  const out = new Float32Array(mean.length);
  const rowLength = size * dim;
  for (let r = 0; r < size; r++)
    out.set(mean.subarray((size - 1 - r) * rowLength, (size - r) * rowLength), r * rowLength);
  return out;
}

/** Originals `[n × D]` above their reconstructions `[n × D]`: one buffer of 2n images for a grid of n columns. */
export function stackPairs(x: Float32Array, mean: Float32Array): Float32Array {
  const out = new Float32Array(x.length + mean.length);
  out.set(x, 0);
  out.set(mean, x.length);
  return out;
}
