import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/engine/datasets/dataset';
import { encode } from '../../../src/engine/inference';
import { exactLikelihood } from '../../../src/engine/theory/exact-likelihood';
import { truePosterior } from '../../../src/engine/theory/true-posterior';
import { closedLogPx, closedPosterior, drawData, gaussianKl, linearVae } from './linear-vae';

function table(x: Float32Array, dim: number): Dataset {
  const n = x.length / dim;
  return { x, n, dim, labels: new Int32Array(n).fill(-1), classes: 0, columns: [] };
}

const CASES = [
  { name: 'K = 2, D = 3, σ² 0.3', k: 2, dim: 3, sigma2: 0.3, w: [1.2, -0.4, 0.3, 0.5, 0.9, -0.7], b: [0.2, -0.1, 0.4] },
  // σ² 1e-4: the posterior's standard deviations are about 0.01, far below the coarse grid's spacing.
  { name: 'K = 2, D = 2, σ² 1e-4 (narrow posterior)', k: 2, dim: 2, sigma2: 1e-4, w: [1, 0.3, -0.2, 0.8], b: [0, 0] },
  { name: 'K = 1, D = 2, σ² 0.01', k: 1, dim: 2, sigma2: 0.01, w: [0.9, -0.6], b: [0.1, 0.3] },
];

describe('exact log p(x) of a linear VAE by quadrature', () => {
  for (const c of CASES) {
    it(`equals log N(x; b, wᵀw + σ²I) per example to 1e-3 nats, and the gap equals KL(q ‖ p(z|x)): ${c.name}`, () => {
      const vae = linearVae(c.k, c.dim, c.w, c.b);
      const x = drawData(c.w, c.b, c.k, c.dim, c.sigma2, 40);
      const data = table(x, c.dim);
      const opts = { sigma2: c.sigma2, varianceFloor: 1e-3, seed: 1 };
      const result = exactLikelihood(vae, data, opts)!;
      expect(result.summary.examples).toBe(40);
      const { mu, logvar } = encode(vae, x, 40);
      let meanLp = 0;
      for (let i = 0; i < 40; i++) {
        const row = x.subarray(i * c.dim, (i + 1) * c.dim);
        const lp = closedLogPx(row, c.w, c.b, c.k, c.dim, c.sigma2);
        expect(Math.abs(-result.negLogPx[i] - lp)).toBeLessThan(1e-3);
        const post = closedPosterior(row, c.w, c.b, c.k, c.dim, c.sigma2);
        const m = mu.subarray(i * c.k, (i + 1) * c.k);
        const lv = logvar.subarray(i * c.k, (i + 1) * c.k);
        const kl = gaussianKl(m, lv, post.mean, post.cov, c.k);
        const gap = result.negElbo[i] - result.negLogPx[i];
        expect(Math.abs(gap - kl)).toBeLessThan(1e-3 * Math.max(1, kl));
        expect(gap).toBeGreaterThan(-1e-6);
        meanLp += lp / 40;
      }
      expect(Math.abs(-result.summary.negLogPx - meanLp)).toBeLessThan(1e-3);
      expect(result.summary.gap).toBeCloseTo(result.summary.negElbo - result.summary.negLogPx, 10);
      expect(result.summary.se).toEqual({ negLogPx: 0, gap: 0 });
    });
  }

  it('covers a stated random subset and gives the subset mean a standard error', () => {
    const c = CASES[0];
    const vae = linearVae(c.k, c.dim, c.w, c.b);
    const x = drawData(c.w, c.b, c.k, c.dim, c.sigma2, 400);
    const opts = { sigma2: c.sigma2, varianceFloor: 1e-3, seed: 1 };
    const full = exactLikelihood(vae, table(x, c.dim), opts)!.summary;
    const part = exactLikelihood(vae, table(x, c.dim), { ...opts, maxExamples: 100 })!.summary;
    expect(part.examples).toBe(100);
    expect(part.se.negLogPx).toBeGreaterThan(0);
    expect(Math.abs(part.negLogPx - full.negLogPx)).toBeLessThan(4 * part.se.negLogPx);
  });

  it('is null for latent size above 2', () => {
    const vae = linearVae(3, 3, new Array(9).fill(0.5), [0, 0, 0]);
    const x = new Float32Array(30);
    expect(exactLikelihood(vae, table(x, 3), { sigma2: 0.1, varianceFloor: 1e-3, seed: 1 })).toBeNull();
  });
});

describe('the true posterior of one example', () => {
  for (const c of CASES) {
    it(`has the closed-form mean and covariance, integrates to 1 and its KL is the closed form: ${c.name}`, () => {
      const vae = linearVae(c.k, c.dim, c.w, c.b);
      const x = drawData(c.w, c.b, c.k, c.dim, c.sigma2, 3).subarray(2 * c.dim, 3 * c.dim);
      const p = truePosterior(vae, x, 2, 0, 96, { sigma2: c.sigma2, varianceFloor: 1e-3 });
      const post = closedPosterior(x, c.w, c.b, c.k, c.dim, c.sigma2);
      const scale = Math.sqrt(Math.max(...post.cov));
      p.mean.forEach((m, j) => expect(Math.abs(m - post.mean[j])).toBeLessThan(1e-3 * scale));
      p.cov.forEach((v, j) => expect(Math.abs(v - post.cov[j])).toBeLessThan(1e-3 * scale * scale));
      expect(p.density.length).toBe(96 ** c.k);
      const cell = p.lo.reduce((v, l, j) => v * ((p.hi[j] - l) / 95), 1);
      expect(p.density.reduce((s, d) => s + d * cell, 0)).toBeCloseTo(1, 5);
      const kl = gaussianKl(p.q.mean, p.q.logvar, post.mean, post.cov, c.k);
      expect(Math.abs(p.kl - kl)).toBeLessThan(1e-3 * Math.max(1, kl));
      expect(Math.abs(p.logPx - closedLogPx(x, c.w, c.b, c.k, c.dim, c.sigma2))).toBeLessThan(1e-3);
      expect(p.elbo).toBeCloseTo(p.logPx - p.kl, 10);
    });
  }
});
