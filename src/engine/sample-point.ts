import type { Dataset } from './datasets/dataset';
import { decode } from './inference';
import type { LikelihoodOptions } from './likelihoods';
import { Rng } from './random';
import type { Vae } from './vae';

/** The lecture's closing example: a latent point drawn from the prior and its decoding. */
export interface SampledPoint {
  /** z* `[K]` */
  z: number[];
  /** x* = decoder mean at z*, `[D]` */
  x: number[];
  /** Euclidean distance from x* to the nearest training example. */
  distance: number;
  /** How many prior draws it took. */
  tries: number;
}

/** The lecture accepts the first decoding closer than this to the data. */
export const CLOSE_ENOUGH = 0.18;
const MAX_TRIES = 300;

/**
 * As the lecture does after training: draw z ~ N(0, I) up to 300 times (seed 99), decode
 * each to the decoder mean, and keep the first within 0.18 of a training point — or, failing
 * that, the closest one seen.
 */
export function samplePoint(vae: Vae, data: Dataset, opts: LikelihoodOptions, seed = 99): SampledPoint {
  const rng = new Rng(seed);
  const z = new Float32Array(vae.k);
  let best: SampledPoint | null = null;
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    rng.fillNormal(z);
    const x = decode(vae, z, 1, opts);
    const distance = nearestDistance(x, data);
    if (!best || distance < best.distance) best = { z: Array.from(z), x: Array.from(x), distance, tries };
    if (distance < CLOSE_ENOUGH) break;
  }
  return best!;
}

/** min over rows of ‖x − row‖. */
export function nearestDistance(x: Float32Array, data: Dataset): number {
  let best = Infinity;
  for (let r = 0; r < data.n; r++) {
    let d2 = 0;
    for (let j = 0; j < data.dim; j++) {
      const d = x[j] - data.x[r * data.dim + j];
      d2 += d * d;
    }
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}
