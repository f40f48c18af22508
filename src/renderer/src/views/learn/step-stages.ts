/**
 * The seven stages of one training step (Learn, card 11) and the figures of each, from a DissectedStep
 * the engine sent: what the stage computed, and the points the card draws for it.
 */
import type { DissectedStep } from '../../../../shared/protocol';

export const STAGES = [
  { key: 'encode', title: 'Encode', formula: String.raw`(\mu_i,\log\sigma_i^2)=\mathrm{enc}_\phi(x_i)` },
  { key: 'eps', title: 'Draw ε', formula: String.raw`\varepsilon_i\sim\mathcal N(0,I)` },
  { key: 'z', title: 'z = μ + σ ⊙ ε', formula: String.raw`z_i=\mu_i+\sigma_i\odot\varepsilon_i` },
  { key: 'decode', title: 'Decode', formula: String.raw`\hat x_i=\mathrm{dec}_\theta(z_i)` },
  {
    key: 'loss',
    title: 'Reconstruction and KL',
    formula: String.raw`\mathcal L=\tfrac1B\textstyle\sum_i-\log p_\theta(x_i\mid z_i)+\beta\,\mathrm{KL}(q_\phi(z\mid x_i)\,\|\,p(z))`,
  },
  { key: 'grad', title: 'Gradient per layer', formula: String.raw`\|\nabla_{W_\ell}\mathcal L\|` },
  { key: 'update', title: 'Optimizer update', formula: String.raw`W_\ell\leftarrow W_\ell+\Delta W_\ell` },
] as const;
export type StageKey = (typeof STAGES)[number]['key'];

type Point = [number, number];

/** Example r as a plot point: latent dimensions 1 and 2 (K = 1: the value against its place in the batch). */
function pointAt(a: Float32Array, r: number, k: number, rows: number): Point {
  return k === 1 ? [a[r], (r + 0.5) / rows - 0.5] : [a[r * k], a[r * k + 1]];
}

/** μ, ε and z of the first Monte-Carlo sample, as plot points of the first two latent dimensions. */
export function latentPoints(d: DissectedStep): { mu: Point[]; eps: Point[]; z: Point[]; sigma: Point[] } {
  const { rows, latent: k } = d;
  const mu: Point[] = [];
  const eps: Point[] = [];
  const z: Point[] = [];
  const sigma: Point[] = [];
  for (let r = 0; r < rows; r++) {
    mu.push(pointAt(d.mu, r, k, rows));
    eps.push(pointAt(d.eps, r, k, rows));
    z.push(pointAt(d.z, r, k, rows));
    const s0 = Math.exp(0.5 * d.logvar[r * k]);
    sigma.push([s0, k === 1 ? 0 : Math.exp(0.5 * d.logvar[r * k + 1])]);
  }
  return { mu, eps, z, sigma };
}

/** An axis-aligned ellipse of radii (a, b) around c, as a closed line. */
export function ellipse(c: Point, a: number, b: number, n = 24): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    return [c[0] + a * Math.cos(t), c[1] + b * Math.sin(t)] as Point;
  });
}

/** A symmetric square range holding all points, at least ±`min`, rounded up to a half. */
export function range(points: readonly Point[], min = 3): [number, number] {
  let m = min;
  for (const [x, y] of points) m = Math.max(m, Math.abs(x), Math.abs(y));
  m = Math.ceil(m * 2) / 2;
  return [-m, m];
}

/** x and x̂ of the shown rows as points of the first two data dimensions (one dimension: against the row). */
export function dataPoints(d: DissectedStep): { x: Point[]; decoded: Point[] } {
  const { shown, dim } = d;
  const at = (a: Float32Array, r: number): Point =>
    dim === 1 ? [a[r], (r + 0.5) / shown] : [a[r * dim], a[r * dim + 1]];
  return {
    x: Array.from({ length: shown }, (_, r) => at(d.x, r)),
    decoded: Array.from({ length: shown }, (_, r) => at(d.decoded, r)),
  };
}

/** The bounding box of points, padded by 5 %. */
export function box(points: readonly Point[]): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 > x1) return { x: [-1, 1], y: [-1, 1] };
  const px = Math.max((x1 - x0) * 0.05, 1e-3);
  const py = Math.max((y1 - y0) * 0.05, 1e-3);
  return { x: [x0 - px, x1 + px], y: [y0 - py, y1 + py] };
}

/** Mean and standard deviation of the values. */
export function meanSd(a: ArrayLike<number>): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(v / Math.max(1, a.length - 1)) };
}

/** The batch mean of σ = e^{½ log σ²}, per latent dimension. */
export function meanSigma(d: DissectedStep): number[] {
  const out = new Array<number>(d.latent).fill(0);
  for (let r = 0; r < d.rows; r++)
    for (let j = 0; j < d.latent; j++) out[j] += Math.exp(0.5 * d.logvar[r * d.latent + j]);
  return out.map((v) => v / d.rows);
}

/** ‖x − x̂‖² averaged over the shown rows (what the Gaussian decoder's reconstruction term scales by 1/2σ²). */
export function meanSquaredError(d: DissectedStep): number {
  let s = 0;
  for (let i = 0; i < d.x.length; i++) s += (d.x[i] - d.decoded[i]) ** 2;
  return s / Math.max(1, d.shown);
}

/** A number for the card: 4 significant digits, exponent form when very small or large. */
export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return v.toPrecision(digits);
}
