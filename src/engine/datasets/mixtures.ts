/** Gaussian mixtures and a single correlated Gaussian in 2-D. */
import { Rng } from '../random';
import type { Dataset } from './dataset';
import { byClass } from './make';

export interface RingParams {
  modes: number;
  perClass: number;
  radius: number;
  std: number;
}
export interface GridParams {
  size: number;
  perClass: number;
  spacing: number;
  std: number;
}
export interface GaussianParams {
  n: number;
  std1: number;
  std2: number;
  angle: number;
}

/** `modes` Gaussians N(μₖ, std²I) with μₖ = radius·(cos 2πk/modes, sin 2πk/modes); class k. */
export function ring(p: RingParams, seed: number): Dataset {
  const rng = new Rng(seed);
  return byClass(p.modes, p.perClass, (k, out) => {
    const a = (2 * Math.PI * k) / p.modes;
    out[0] = p.radius * Math.cos(a) + p.std * rng.normal();
    out[1] = p.radius * Math.sin(a) + p.std * rng.normal();
  });
}

/** size × size Gaussians on a grid centred at 0; class k = row·size + column. */
export function grid(p: GridParams, seed: number): Dataset {
  const rng = new Rng(seed);
  const mid = (p.size - 1) / 2;
  return byClass(p.size * p.size, p.perClass, (k, out) => {
    const row = Math.floor(k / p.size);
    const col = k % p.size;
    out[0] = (col - mid) * p.spacing + p.std * rng.normal();
    out[1] = (row - mid) * p.spacing + p.std * rng.normal();
  });
}

/**
 * x = R(angle)·diag(std1, std2)·ε with ε ~ N(0, I), so Cov x = R·diag(std1², std2²)·Rᵀ;
 * the angle is in degrees, counter-clockwise. One class.
 */
export function gaussian(p: GaussianParams, seed: number): Dataset {
  const rng = new Rng(seed);
  const a = (p.angle * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return byClass(1, p.n, (_k, out) => {
    const u = p.std1 * rng.normal();
    const v = p.std2 * rng.normal();
    out[0] = c * u - s * v;
    out[1] = s * u + c * v;
  });
}
