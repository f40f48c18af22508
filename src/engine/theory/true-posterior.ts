import type { TruePosterior } from '../../shared/protocol';
import { encode } from '../inference';
import type { LikelihoodOptions } from '../likelihoods';
import type { Vae } from '../vae';
import { coarseGrid, exactExample } from './exact-example';
import { cellVolume, framePoints, logSumExp, type Frame } from './grid';
import { LogJoint } from './log-joint';

/** The density image spans the posterior mean ± this many standard deviations, and q's mean ± Q_SDS of its. */
const POSTERIOR_SDS = 4;
const Q_SDS = 3;

/**
 * p(z|x) ∝ p(x|z)·p(z) of one example (latent size 1 or 2) as a normalised density on a size^K
 * image over the posterior and q(z|x); the moments, log p(x), ELBO and KL(q ‖ p(z|x)) come from
 * the refined quadrature of exact-example.ts (the figures the Diagnostics use).
 */
export function truePosterior(
  vae: Vae,
  x: Float32Array,
  index: number,
  epoch: number,
  size: number,
  opts: LikelihoodOptions,
): TruePosterior {
  const k = vae.k;
  if (k < 1 || k > 2) throw new Error(`the true posterior is computed for latent size 1 or 2 (this model has ${k})`);
  const { mu, logvar } = encode(vae, x, 1);
  const joint = new LogJoint(vae, opts);
  const e = exactExample(x, mu, logvar, joint, coarseGrid(k, joint));
  const lo: number[] = [];
  const hi: number[] = [];
  for (let j = 0; j < k; j++) {
    const sp = POSTERIOR_SDS * Math.sqrt(e.cov[j * k + j]);
    const sq = Q_SDS * Math.exp(0.5 * logvar[j]);
    const a = Math.min(e.mean[j] - sp, mu[j] - sq);
    const b = Math.max(e.mean[j] + sp, mu[j] + sq);
    const pad = Math.max(b - a, 1e-4) * 0.05;
    const h = (b - a + 2 * pad) / size;
    lo.push(a - pad + h / 2);
    hi.push(b + pad - h / 2);
  }
  const frame: Frame = {
    centre: lo.map((l, j) => (l + hi[j]) / 2),
    axes:
      k === 1
        ? [[1]]
        : [
            [1, 0],
            [0, 1],
          ],
    half: lo.map((l, j) => ((hi[j] - l) / 2) * (size / (size - 1))),
    size,
  };
  const cells = size ** k;
  const z = framePoints(frame);
  const lj = new Float64Array(cells);
  joint.at(x, z, cells, lj);
  const lse = logSumExp(lj, cells);
  const volume = cellVolume(frame);
  const density = new Float32Array(cells);
  for (let g = 0; g < cells; g++) density[g] = Math.exp(lj[g] - lse) / volume;
  return {
    index,
    epoch,
    latent: k,
    size,
    lo,
    hi,
    density,
    mean: e.mean,
    cov: e.cov,
    q: { mean: Array.from(mu), logvar: Array.from(logvar) },
    kl: e.logPx - e.elbo,
    logPx: e.logPx,
    elbo: e.elbo,
  };
}
