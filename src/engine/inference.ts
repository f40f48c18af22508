import type { Rng } from './random';
import type { Vae } from './vae';

/** Encoder outputs for many rows, computed in chunks of the model's batch size. */
export interface Encoded {
  /** `[n × K]` */
  mu: Float32Array;
  /** `[n × K]` */
  logvar: Float32Array;
}

/** μ(x) and log σ²(x) for x `[n × D]`. */
export function encode(vae: Vae, x: Float32Array, n: number): Encoded {
  const { k, dim, maxBatch } = vae;
  const mu = new Float32Array(n * k);
  const logvar = new Float32Array(n * k);
  for (let start = 0; start < n; start += maxBatch) {
    const rows = Math.min(maxBatch, n - start);
    const enc = vae.encoder.forward(x.subarray(start * dim, (start + rows) * dim), rows);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < k; j++) {
        mu[(start + r) * k + j] = enc[2 * r * k + j];
        logvar[(start + r) * k + j] = enc[2 * r * k + k + j];
      }
    }
  }
  return { mu, logvar };
}

/**
 * Decodes z `[n × K]` to data space `[n × D]`: the likelihood's mean, or one draw from
 * p(x|z) when `sampleRng` is given.
 */
export function decode(
  vae: Vae,
  z: Float32Array,
  n: number,
  opts: { sigma2: number; varianceFloor: number },
  sampleRng?: Rng,
): Float32Array {
  const { k, dim, likelihood } = vae;
  const out = new Float32Array(n * dim);
  const chunk = vae.decoder.maxRows;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const params = vae.decoder.forward(z.subarray(start * k, (start + rows) * k), rows);
    const target = out.subarray(start * dim, (start + rows) * dim);
    if (sampleRng) likelihood.sample(params, rows, dim, opts, sampleRng, target);
    else likelihood.mean(params, rows, dim, target);
  }
  return out;
}
