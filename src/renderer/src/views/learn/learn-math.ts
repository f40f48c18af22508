/** The maths of the Learn cards: closed forms and seeded Monte-Carlo estimates with their standard errors. */

/** A seeded generator of uniforms in [0, 1) (mulberry32) and standard normals (Box–Muller). */
export class Rng {
  private s: number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  uniform(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** A Monte-Carlo estimate: the sample mean and its standard error. */
export interface Estimate {
  value: number;
  se: number;
  n: number;
}

export function estimate(values: ArrayLike<number>): Estimate {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Number.NaN;
  return { value: mean, se, n };
}

export const LOG_2PI = Math.log(2 * Math.PI);

/** N(x; μ, σ²) in 1-D. */
export function gaussianPdf(x: number, mu: number, sigma: number): number {
  return Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (Math.sqrt(2 * Math.PI) * sigma);
}

/** The 2-D Gaussian density with means (m1, m2), standard deviations (s1, s2) and correlation ρ. */
export function gaussianPdf2(
  x: number,
  y: number,
  m1: number,
  m2: number,
  s1: number,
  s2: number,
  rho: number,
): number {
  const a = (x - m1) / s1;
  const b = (y - m2) / s2;
  const q = (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho);
  return Math.exp(-0.5 * q) / (2 * Math.PI * s1 * s2 * Math.sqrt(1 - rho * rho));
}

/** The lecture's four curves of §2.2 (μ, σ). */
export const LECTURE_CURVES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 0.5],
  [1.5, 1],
  [-1.5, 1.5],
];

/** §2.3: E[z] and E[z²] of N(μ, σ²) from n seeded samples. */
export function sampledMoments(
  mu: number,
  sigma: number,
  n: number,
  seed: number,
): { mean: Estimate; second: Estimate } {
  const rng = new Rng(seed);
  const z = new Float64Array(n);
  const z2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = mu + sigma * rng.normal();
    z2[i] = z[i] * z[i];
  }
  return { mean: estimate(z), second: estimate(z2) };
}

/** §2.5 and §12: KL(N(μ, e^{logvar}) ‖ N(0, 1)), summed over dimensions. */
export function klStdNormal(mu: readonly number[], logvar: readonly number[]): number {
  let kl = 0;
  for (let j = 0; j < mu.length; j++) kl += 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - 1 - logvar[j]);
  return kl;
}

/** KL(N(m1, v1) ‖ N(m2, v2)) in 1-D. */
export function klGauss(m1: number, v1: number, m2: number, v2: number): number {
  return 0.5 * (Math.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1);
}

/** §12: the KL of a 1-D q = N(μ, e^{logvar}) to N(0, 1) by sampling log q(z) − log p(z), z ~ q. */
export function sampledKl(mu: number, logvar: number, n: number, seed: number): Estimate {
  const rng = new Rng(seed);
  const sigma = Math.exp(0.5 * logvar);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eps = rng.normal();
    const z = mu + sigma * eps;
    terms[i] = -0.5 * logvar - 0.5 * eps * eps + 0.5 * z * z;
  }
  return estimate(terms);
}

/** §2.6: Jensen's gap log E[X] − E[log X] for X ~ Uniform(a, b), 0 < a < b, exactly. */
export function jensenUniform(a: number, b: number): { logMean: number; meanLog: number; gap: number } {
  const logMean = Math.log((a + b) / 2);
  const meanLog = (b * Math.log(b) - b - (a * Math.log(a) - a)) / (b - a);
  return { logMean, meanLog, gap: logMean - meanLog };
}

/** §2.6 by sampling, as the lecture does: the gap of n seeded uniforms, with the delta-method standard error. */
export function sampledJensen(a: number, b: number, n: number, seed: number): Estimate {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const lx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = a + (b - a) * rng.uniform();
    lx[i] = Math.log(x[i]);
  }
  const ex = estimate(x);
  // gap = log(mean x) − mean(log x): its influence per sample is x/E[x] − log x.
  const infl = new Float64Array(n);
  for (let i = 0; i < n; i++) infl[i] = x[i] / ex.value - lx[i];
  const e = estimate(infl);
  return { value: Math.log(ex.value) - estimate(lx).value, se: e.se, n };
}

/** §3: a toy 1-D decoder x|z ~ N(f(z), s²) with f(z) = a·tanh(c·z) + b·z. */
export interface ToyDecoder {
  a: number;
  b: number;
  c: number;
  s: number;
}

export function toyDecode(d: ToyDecoder, z: number): number {
  return d.a * Math.tanh(d.c * z) + d.b * z;
}

/** §3: p(x) = ∫ p(x|z) p(z) dz as a weighted sum over a grid of z (the decoded Gaussians and their weights). */
export function marginalComponents(d: ToyDecoder, k: number): { z: number; mean: number; weight: number }[] {
  const out: { z: number; mean: number; weight: number }[] = [];
  let total = 0;
  for (let i = 0; i < k; i++) {
    const z = -4 + (8 * i) / (k - 1);
    const w = gaussianPdf(z, 0, 1);
    total += w;
    out.push({ z, mean: toyDecode(d, z), weight: w });
  }
  for (const c of out) c.weight /= total;
  return out;
}

export function marginalDensity(d: ToyDecoder, x: number, k = 161): number {
  let p = 0;
  for (const c of marginalComponents(d, k)) p += c.weight * gaussianPdf(x, c.mean, d.s);
  return p;
}

/** §5–§8: the linear-Gaussian model z ~ N(0, 1), x|z ~ N(w z, s²), its evidence, exact posterior and ELBO. */
export interface LinearGaussian {
  w: number;
  s2: number;
  x: number;
}

export function logEvidence(m: LinearGaussian): number {
  const v = m.w * m.w + m.s2;
  return -0.5 * (LOG_2PI + Math.log(v) + (m.x * m.x) / v);
}

export function exactPosterior(m: LinearGaussian): { mean: number; variance: number } {
  const v = m.w * m.w + m.s2;
  return { mean: (m.w * m.x) / v, variance: m.s2 / v };
}

/** E_q[log p(x|z)] for q = N(qm, qv). */
export function expectedLogLik(m: LinearGaussian, qm: number, qv: number): number {
  return -0.5 * (LOG_2PI + Math.log(m.s2)) - ((m.x - m.w * qm) ** 2 + m.w * m.w * qv) / (2 * m.s2);
}

export function elbo(m: LinearGaussian, qm: number, qv: number): { elbo: number; logp: number; gap: number } {
  const e = expectedLogLik(m, qm, qv) - klGauss(qm, qv, 0, 1);
  const post = exactPosterior(m);
  return { elbo: e, logp: logEvidence(m), gap: klGauss(qm, qv, post.mean, post.variance) };
}

/** §11: one Monte-Carlo ELBO estimate with L samples (reparameterised), closed-form KL. */
export function mcElbo(m: LinearGaussian, qm: number, qv: number, L: number, rng: Rng): number {
  let s = 0;
  const sd = Math.sqrt(qv);
  for (let l = 0; l < L; l++) {
    const z = qm + sd * rng.normal();
    s += -0.5 * (LOG_2PI + Math.log(m.s2)) - (m.x - m.w * z) ** 2 / (2 * m.s2);
  }
  return s / L - klGauss(qm, qv, 0, 1);
}

/** §11: the exact standard deviation of the L-sample ELBO estimate. */
export function mcElboSd(m: LinearGaussian, qm: number, qv: number, L: number): number {
  const d = m.x - m.w * qm;
  const k2 = m.w * m.w * qv;
  return Math.sqrt((4 * d * d * k2 + 2 * k2 * k2) / (4 * m.s2 * m.s2) / L);
}

/** §11: the spread of R repeated L-sample ELBO estimates (their sample standard deviation). */
export function mcElboSpread(m: LinearGaussian, qm: number, qv: number, L: number, repeats: number, seed: number) {
  const rng = new Rng(seed);
  const xs = new Float64Array(repeats);
  for (let r = 0; r < repeats; r++) xs[r] = mcElbo(m, qm, qv, L, rng);
  const e = estimate(xs);
  return { mean: e.value, sd: e.se * Math.sqrt(repeats), meanSe: e.se };
}

/**
 * §10: the per-sample variance of two estimators of d/dμ E_{N(μ,σ²)}[z²] (= 2μ): reparameterised 2(μ + σε),
 * and score-function z²(z − μ)/σ². Exact values; an N-sample average has 1/N of them.
 */
export function gradientVariances(mu: number, sigma: number): { reparam: number; score: number } {
  const s2 = sigma * sigma;
  return { reparam: 4 * s2, score: (mu ** 4 + 18 * mu * mu * s2 + 15 * s2 * s2) / s2 - 4 * mu * mu };
}

/** §10 by sampling: the two gradient estimates from n seeded samples, each with its standard error. */
export function sampledGradients(mu: number, sigma: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const rp = new Float64Array(n);
  const sf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eps = rng.normal();
    const z = mu + sigma * eps;
    rp[i] = 2 * z;
    sf[i] = (z * z * (z - mu)) / (sigma * sigma);
  }
  return { reparam: estimate(rp), score: estimate(sf) };
}

/** §13.2: the negative log-likelihood of x under N(x̂, σ² I): ½ D log(2πσ²) + ½ ‖x − x̂‖²/σ². */
export function gaussianNll(x: readonly number[], xhat: readonly number[], sigma2: number): number {
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (x[i] - xhat[i]) ** 2;
  return 0.5 * x.length * Math.log(2 * Math.PI * sigma2) + (0.5 / sigma2) * sq;
}

export function mse(x: readonly number[], xhat: readonly number[]): number {
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (x[i] - xhat[i]) ** 2;
  return sq / x.length;
}

/** The lecture's table of §13.2: x, the candidate reconstructions and σ². */
export const NLL_TABLE = {
  x: [1.0, -0.5, 0.7],
  candidates: [
    [1.0, -0.5, 0.7],
    [0.8, -0.4, 0.9],
    [0.0, 0.0, 0.0],
    [2.0, -1.0, 1.4],
  ],
  sigma2: 0.25,
} as const;

/** §13.1: binary cross-entropy summed over dimensions (the Bernoulli negative log-likelihood). */
export function bce(x: readonly number[], p: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s -= x[i] * Math.log(p[i]) + (1 - x[i]) * Math.log(1 - p[i]);
  return s;
}

/** The lecture's Bernoulli toy of §16: x, the encoder's μ and log σ², its sampled z, the decoder W and b. */
export const BERNOULLI_TOY = {
  x: [1, 0, 1, 1],
  mu: [0.5, -0.3],
  logvar: [-0.2, 0.4],
  z: [-0.80355319, 0.88486174],
  W: [
    [1.2, -0.7, 0.5, 1.0],
    [-0.4, 0.8, 1.1, -0.6],
  ],
  b: [0.1, -0.2, 0.0, 0.3],
} as const;

/** Decodes z with the toy's linear map and a sigmoid, and returns x̂ and the losses. */
export function bernoulliToy(z: readonly number[] = BERNOULLI_TOY.z) {
  const t = BERNOULLI_TOY;
  const xhat = t.b.map((bj, j) => {
    let logit = bj;
    for (let i = 0; i < z.length; i++) logit += z[i] * t.W[i][j];
    return 1 / (1 + Math.exp(-logit));
  });
  const recon = bce(t.x, xhat);
  const kl = klStdNormal(t.mu, t.logvar);
  return { xhat, recon, kl, total: recon + kl };
}
