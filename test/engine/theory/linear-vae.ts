/** A linear VAE (hidden: none, fixed-variance Gaussian) and the closed forms it has. */
import { Vae } from '../../../src/engine/vae';
import { DEFAULT_MODEL } from '../../../src/shared/config';
import { Rng } from '../../../src/engine/random';

const LOG_2PI = Math.log(2 * Math.PI);

/** x = wᵀz + b + noise with w `[K × D]`; the encoder keeps its seeded random weights (an imperfect q). */
export function linearVae(k: number, dim: number, w: number[], b: number[], seed = 3): Vae {
  const vae = new Vae({ ...DEFAULT_MODEL, hidden: [], latent: k, likelihood: 'gaussian', initSeed: seed }, dim, 64, 1);
  vae.init();
  vae.decoder.layers[0].w.set(w);
  vae.decoder.layers[0].b.set(b);
  return vae;
}

/** Rows of data drawn from the model itself. */
export function drawData(w: number[], b: number[], k: number, dim: number, sigma2: number, n: number, seed = 5) {
  const rng = new Rng(seed);
  const x = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: k }, () => rng.normal());
    for (let d = 0; d < dim; d++) {
      let m = b[d];
      for (let j = 0; j < k; j++) m += z[j] * w[j * dim + d];
      x[i * dim + d] = m + Math.sqrt(sigma2) * rng.normal();
    }
  }
  return x;
}

function det(a: number[][]): number {
  const n = a.length;
  const m = a.map((r) => r.slice());
  let d = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (p !== c) [m[p], m[c], d] = [m[c], m[p], -d];
    d *= m[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let j = c; j < n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return d;
}

function solve(a: number[][], y: number[]): number[] {
  const n = a.length;
  const m = a.map((r, i) => [...r, y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[p], m[c]] = [m[c], m[p]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((r, i) => r[n] / r[i]);
}

/** log N(x; b, wᵀw + σ²I). */
export function closedLogPx(x: ArrayLike<number>, w: number[], b: number[], k: number, dim: number, sigma2: number) {
  const c = Array.from({ length: dim }, (_, r) =>
    Array.from({ length: dim }, (_, s) => {
      let v = r === s ? sigma2 : 0;
      for (let j = 0; j < k; j++) v += w[j * dim + r] * w[j * dim + s];
      return v;
    }),
  );
  const d = Array.from({ length: dim }, (_, i) => x[i] - b[i]);
  const ci = solve(c, d);
  const quad = d.reduce((s, v, i) => s + v * ci[i], 0);
  return -0.5 * (dim * LOG_2PI + Math.log(det(c)) + quad);
}

/** The posterior N(m, S): S = (I + w wᵀ/σ²)⁻¹, m = S w (x − b)/σ². */
export function closedPosterior(
  x: ArrayLike<number>,
  w: number[],
  b: number[],
  k: number,
  dim: number,
  sigma2: number,
) {
  const prec = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, c) => {
      let v = a === c ? 1 : 0;
      for (let d = 0; d < dim; d++) v += (w[a * dim + d] * w[c * dim + d]) / sigma2;
      return v;
    }),
  );
  const rhs = Array.from({ length: k }, (_, a) => {
    let v = 0;
    for (let d = 0; d < dim; d++) v += (w[a * dim + d] * (x[d] - b[d])) / sigma2;
    return v;
  });
  const mean = solve(prec, rhs);
  const cov: number[] = [];
  for (let a = 0; a < k; a++) {
    const col = solve(
      prec,
      Array.from({ length: k }, (_, c) => (c === a ? 1 : 0)),
    );
    for (let c = 0; c < k; c++) cov[c * k + a] = col[c];
  }
  return { mean, cov, logDetCov: -Math.log(det(prec)) };
}

/** KL(N(μ, diag e^{lv}) ‖ N(m, S)). */
export function gaussianKl(mu: ArrayLike<number>, lv: ArrayLike<number>, m: number[], s: number[], k: number) {
  const sm = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => s[r * k + c]));
  let trace = 0;
  for (let a = 0; a < k; a++) {
    const col = solve(
      sm,
      Array.from({ length: k }, (_, c) => (c === a ? Math.exp(lv[a]) : 0)),
    );
    trace += col[a];
  }
  const d = Array.from({ length: k }, (_, j) => m[j] - mu[j]);
  const sd = solve(sm, d);
  const quad = d.reduce((acc, v, i) => acc + v * sd[i], 0);
  const logDetQ = Array.from(lv).reduce((a, v) => a + v, 0);
  return 0.5 * (trace + quad - k + Math.log(det(sm)) - logDetQ);
}

/**
 * Sets the linear encoder to the true posterior's mean map and its covariance's diagonal: q then
 * misses only the posterior's correlation (plus `lvShift` on every log-variance).
 */
export function fitEncoder(vae: Vae, w: number[], b: number[], sigma2: number, lvShift = 0): void {
  const { k, dim } = vae;
  const zero = new Array<number>(dim).fill(0);
  const post0 = closedPosterior(b, w, b, k, dim, sigma2);
  const enc = vae.encoder.layers[0];
  enc.w.fill(0);
  enc.b.fill(0);
  for (let d = 0; d < dim; d++) {
    const unit = zero.map((_, i) => b[i] + (i === d ? 1 : 0));
    const m = closedPosterior(unit, w, b, k, dim, sigma2).mean;
    for (let j = 0; j < k; j++) {
      enc.w[d * 2 * k + j] = m[j];
      enc.b[j] -= m[j] * b[d];
    }
  }
  for (let j = 0; j < k; j++) enc.b[k + j] = Math.log(post0.cov[j * k + j]) + lvShift;
}
