/** Two-dimensional toy shapes: moons, circles, spiral, checkerboard. Rows class by class. */
import { Rng } from '../random';
import type { Dataset } from './dataset';
import { byClass } from './make';

export interface MoonsParams {
  perClass: number;
  noise: number;
}
export interface CirclesParams {
  perClass: number;
  factor: number;
  noise: number;
}
export interface SpiralParams {
  perClass: number;
  turns: number;
  radius: number;
  noise: number;
}
export interface CheckerboardParams {
  size: number;
  perClass: number;
  square: number;
}

/**
 * Two interleaving half circles, t ~ U(0, π): class 0 on (cos t, sin t), class 1 on
 * (1 − cos t, ½ − sin t), shifted by (−½, −¼) so the data is centred, plus N(0, noise²).
 */
export function moons(p: MoonsParams, seed: number): Dataset {
  const rng = new Rng(seed);
  return byClass(2, p.perClass, (k, out) => {
    const t = Math.PI * rng.uniform();
    const x = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    out[0] = x - 0.5 + p.noise * rng.normal();
    out[1] = y - 0.25 + p.noise * rng.normal();
  });
}

/** Two concentric circles, class 0 of radius 1 and class 1 of radius `factor`, plus N(0, noise²). */
export function circles(p: CirclesParams, seed: number): Dataset {
  const rng = new Rng(seed);
  return byClass(2, p.perClass, (k, out) => {
    const r = k === 0 ? 1 : p.factor;
    const t = 2 * Math.PI * rng.uniform();
    out[0] = r * Math.cos(t) + p.noise * rng.normal();
    out[1] = r * Math.sin(t) + p.noise * rng.normal();
  });
}

/**
 * Two spiral arms, the second turned by π. Along an arm s = √u (u ~ U(0.01, 1)) so the
 * density per unit length stays roughly even; r = radius·s, θ = 2π·turns·s + πk.
 */
export function spiral(p: SpiralParams, seed: number): Dataset {
  const rng = new Rng(seed);
  return byClass(2, p.perClass, (k, out) => {
    const s = Math.sqrt(rng.range(0.01, 1));
    const theta = 2 * Math.PI * p.turns * s + Math.PI * k;
    out[0] = p.radius * s * Math.cos(theta) + p.noise * rng.normal();
    out[1] = p.radius * s * Math.sin(theta) + p.noise * rng.normal();
  });
}

/**
 * Uniform points on the dark squares ((i + j) even) of a size × size board centred at 0;
 * each dark square is a class, numbered row by row.
 */
export function checkerboard(p: CheckerboardParams, seed: number): Dataset {
  const rng = new Rng(seed);
  const dark: [number, number][] = [];
  for (let i = 0; i < p.size; i++) for (let j = 0; j < p.size; j++) if ((i + j) % 2 === 0) dark.push([i, j]);
  const half = (p.size * p.square) / 2;
  return byClass(dark.length, p.perClass, (k, out) => {
    const [i, j] = dark[k];
    out[0] = (j + rng.uniform()) * p.square - half;
    out[1] = (i + rng.uniform()) * p.square - half;
  });
}
