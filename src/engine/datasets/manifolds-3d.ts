/** 3-D point clouds on 2-D manifolds: the swiss roll and the S-curve. */
import { Rng } from '../random';
import type { Dataset } from './dataset';
import { toDataset, XYZ } from './make';

export interface ManifoldParams {
  n: number;
  noise: number;
  classes: number;
}

/** One point of a surface: `t` along the curve, `h` across it, `xyz` the embedding. */
type Surface = (rng: Rng) => { t: number; h: number; xyz: [number, number, number] };

/** Swiss roll: t = 1.5π(1 + 2u), h = 21v; (t cos t, h, t sin t). */
const SWISS_ROLL: Surface = (rng) => {
  const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
  const h = 21 * rng.uniform();
  return { t, h, xyz: [t * Math.cos(t), h, t * Math.sin(t)] };
};

/** S-curve: t = 3π(u − ½), h = 2v; (sin t, h, sign(t)(cos t − 1)). */
const S_CURVE: Surface = (rng) => {
  const t = 3 * Math.PI * (rng.uniform() - 0.5);
  const h = 2 * rng.uniform();
  return { t, h, xyz: [Math.sin(t), h, Math.sign(t) * (Math.cos(t) - 1)] };
};

/** T_RANGE[kind] = the interval t is drawn from, for binning into classes. */
const T_RANGE = { swiss: [1.5 * Math.PI, 4.5 * Math.PI], s: [-1.5 * Math.PI, 1.5 * Math.PI] } as const;

export function swissRoll(p: ManifoldParams, seed: number): Dataset {
  return sampleSurface(SWISS_ROLL, T_RANGE.swiss, p, seed);
}

export function sCurve(p: ManifoldParams, seed: number): Dataset {
  return sampleSurface(S_CURVE, T_RANGE.s, p, seed);
}

/**
 * n points of a surface plus N(0, noise²) per coordinate. Class = which of `classes`
 * equal bins of [t0, t1) holds t; `latent` keeps (t, h), the intended 2-D coordinates.
 */
function sampleSurface(
  surface: Surface,
  [t0, t1]: readonly [number, number],
  p: ManifoldParams,
  seed: number,
): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(p.n * 3);
  const latent = new Float32Array(p.n * 2);
  const labels = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) {
    const { t, h, xyz } = surface(rng);
    for (let j = 0; j < 3; j++) x[3 * i + j] = xyz[j] + p.noise * rng.normal();
    latent[2 * i] = t;
    latent[2 * i + 1] = h;
    labels[i] = Math.min(p.classes - 1, Math.floor(((t - t0) / (t1 - t0)) * p.classes));
  }
  return { ...toDataset(x, labels, p.classes, XYZ), latent, latentDim: 2 };
}
