import { klTerm } from '../kl';
import { cellVolume, framePoints, logSumExp, symmetricEigen, weightedMoments, type Frame } from './grid';
import { logPrior, type LogJoint } from './log-joint';

/** Grid sizes of the quadrature, by latent size K (index 1 or 2). */
export const EXACT_GRID = {
  /** The shared coarse pass spans [−range, range] on each axis: the prior and any posterior far out in it. */
  range: 8,
  coarse: [0, 256, 32],
  /** Cells per axis of each refined pass and of the grid over q. */
  fine: [0, 48, 12],
  /** A refined box spans the posterior mean ± this many standard deviations along its principal axes. */
  sds: 6,
  maxPasses: 5,
} as const;

/** The coarse grid all examples share, decoded once. */
export interface CoarseGrid {
  frame: Frame;
  z: Float32Array;
  params: Float32Array;
  /** log p(z) at each point. */
  logPrior: Float64Array;
  cells: number;
}

export function coarseGrid(k: number, joint: LogJoint): CoarseGrid {
  const size = EXACT_GRID.coarse[k];
  const frame: Frame = {
    centre: new Array<number>(k).fill(0),
    axes:
      k === 1
        ? [[1]]
        : [
            [1, 0],
            [0, 1],
          ],
    half: new Array<number>(k).fill(EXACT_GRID.range),
    size,
  };
  const z = framePoints(frame);
  const cells = size ** k;
  const prior = new Float64Array(cells).map((_, g) => logPrior(z, g, k));
  return { frame, z, params: joint.decodeParams(z, cells), logPrior: prior, cells };
}

/** One example's exact figures. */
export interface ExampleExact {
  logPx: number;
  elbo: number;
  /** Posterior mean `[K]` and covariance `[K × K]`. */
  mean: number[];
  cov: number[];
  /** The last refined box (where the posterior mass is). */
  frame: Frame;
}

/**
 * log p(x) = log Σ_g p(x, z_g)·ΔV on a grid refined around the posterior mass: a coarse pass over
 * the prior, then boxes of ± EXACT_GRID.sds posterior standard deviations along the principal axes
 * of the last pass's moments, until the box stops shrinking (narrow posteriors at small σ² get a
 * fine grid). The ELBO is E_q[log p(x|z)] − KL(q ‖ p(z)), its expectation by quadrature on a grid
 * over q(z|x) = N(μ, diag e^{lv}) (μ ± 6σ, q's weights normalised on the grid), KL in closed form.
 */
export function exactExample(
  x: Float32Array,
  mu: ArrayLike<number>,
  logvar: ArrayLike<number>,
  joint: LogJoint,
  coarse: CoarseGrid,
): ExampleExact {
  const k = mu.length;
  const fine = EXACT_GRID.fine[k];
  const cells = fine ** k;
  const lj = new Float64Array(Math.max(coarse.cells, cells));
  joint.fromParams(x, coarse.params, coarse.logPrior, coarse.cells, lj);
  let { lse, mean, cov } = weightedMoments(coarse.z, lj, coarse.cells, k);
  let frame = coarse.frame;
  let logPx = lse + Math.log(cellVolume(frame));
  const z = new Float32Array(cells * k);
  let next = refinedFrame(mean, cov, frame, fine);
  for (let pass = 0; pass < EXACT_GRID.maxPasses && next; pass++) {
    framePoints(next, z);
    joint.at(x, z, cells, lj);
    ({ lse, mean, cov } = weightedMoments(z, lj, cells, k));
    frame = next;
    logPx = lse + Math.log(cellVolume(frame));
    next = refinedFrame(mean, cov, frame, fine);
  }
  return { logPx, elbo: elboOnGrid(x, mu, logvar, joint), mean, cov, frame };
}

/**
 * The box of ± EXACT_GRID.sds standard deviations along the principal axes of (mean, cov), at
 * least 1.5 cells of the last grid wide; null when it is within 30% of the last box on every axis
 * (the last grid resolved the posterior already).
 */
function refinedFrame(mean: number[], cov: number[], last: Frame, size: number): Frame | null {
  const k = mean.length;
  const spacing = Math.max(...last.half) * (2 / last.size);
  const { values, vectors } = symmetricEigen(cov, k);
  const half = values.map((l) => Math.max(EXACT_GRID.sds * Math.sqrt(Math.max(l, 0)), 1.5 * spacing, 1e-6));
  const settled = last.size === size && half.every((h, a) => h / last.half[a] > 0.7 && h / last.half[a] < 1.3);
  return settled ? null : { centre: mean, axes: vectors, half, size };
}

/** ELBO = E_q[log p(x|z)] − KL(q ‖ N(0, I)), the expectation by quadrature on μ ± 6σ. */
export function elboOnGrid(x: Float32Array, mu: ArrayLike<number>, logvar: ArrayLike<number>, joint: LogJoint): number {
  const k = mu.length;
  const fine = EXACT_GRID.fine[k];
  const cells = fine ** k;
  const sd = Array.from(logvar, (lv) => Math.exp(0.5 * lv));
  const frame: Frame = {
    centre: Array.from(mu),
    axes:
      k === 1
        ? [[1]]
        : [
            [1, 0],
            [0, 1],
          ],
    half: sd.map((s) => EXACT_GRID.sds * s),
    size: fine,
  };
  const z = framePoints(frame);
  const lj = new Float64Array(cells);
  joint.at(x, z, cells, lj);
  const logQ = new Float64Array(cells);
  for (let g = 0; g < cells; g++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += ((z[g * k + j] - mu[j]) / sd[j]) ** 2;
    logQ[g] = -0.5 * s;
  }
  const lseQ = logSumExp(logQ, cells);
  let expected = 0;
  for (let g = 0; g < cells; g++) expected += Math.exp(logQ[g] - lseQ) * (lj[g] - logPrior(z, g, k));
  let kl = 0;
  for (let j = 0; j < k; j++) kl += klTerm(mu[j], logvar[j]);
  return expected - kl;
}
