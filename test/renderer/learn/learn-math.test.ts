import { describe, expect, it } from 'vitest';
import {
  bernoulliToy,
  elbo,
  exactPosterior,
  gaussianNll,
  gaussianPdf,
  gradientVariances,
  jensenUniform,
  klGauss,
  klStdNormal,
  marginalDensity,
  mcElboSd,
  mcElboSpread,
  mse,
  NLL_TABLE,
  sampledGradients,
  sampledJensen,
  sampledKl,
  sampledMoments,
} from '../../../src/renderer/src/views/learn/learn-math';

describe('Learn cards reproduce the lecture', () => {
  it('§2.2: a Gaussian density integrates to 1 and peaks at 1/(√(2π)σ)', () => {
    let s = 0;
    for (let x = -10; x <= 10; x += 0.001) s += gaussianPdf(x, 1.5, 1) * 0.001;
    expect(s).toBeCloseTo(1, 6);
    expect(gaussianPdf(0, 0, 0.5)).toBeCloseTo(0.7978845608, 9);
  });

  it('§2.3: E[z] and E[z²] of N(2, 1.5²) from 100,000 samples are 2 and 6.25 within 3 standard errors', () => {
    const { mean, second } = sampledMoments(2, 1.5, 100_000, 1);
    expect(Math.abs(mean.value - 2)).toBeLessThan(3 * mean.se);
    expect(Math.abs(second.value - 6.25)).toBeLessThan(3 * second.se);
    // The lecture's own sampled numbers lie within the same error of the truth.
    expect(Math.abs(1.993650604581616 - 2)).toBeLessThan(3 * mean.se);
    expect(Math.abs(6.241338452290414 - 6.25)).toBeLessThan(3 * second.se);
  });

  it('§2.5/§16: the KL example of the lecture is 0.22527772535962606', () => {
    expect(klStdNormal([0.5, -0.3], [-0.2, 0.4])).toBeCloseTo(0.22527772535962606, 14);
    expect(klStdNormal([0], [0])).toBe(0);
  });

  it('§2.6: Jensen’s gap of Uniform(0.1, 5) is the lecture’s 0.2467 (its sampled value within 3 standard errors)', () => {
    const exact = jensenUniform(0.1, 5);
    expect(exact.gap).toBeCloseTo(0.2467, 3);
    const mc = sampledJensen(0.1, 5, 100_000, 2);
    expect(Math.abs(mc.value - exact.gap)).toBeLessThan(3 * mc.se);
    expect(Math.abs(0.24674055682129192 - exact.gap)).toBeLessThan(3 * mc.se);
    expect(jensenUniform(2, 2.000001).gap).toBeCloseTo(0, 9);
  });

  it('§3: the marginal of the toy decoder integrates to 1', () => {
    const d = { a: 1.5, b: 0.3, c: 2, s: 0.3 };
    let s = 0;
    for (let x = -8; x <= 8; x += 0.002) s += marginalDensity(d, x) * 0.002;
    expect(s).toBeCloseTo(1, 4);
  });

  it('§5–§8: log p(x) − ELBO is KL(q ‖ p(z|x)) and vanishes at the exact posterior', () => {
    const m = { w: 1.5, s2: 0.5, x: 1.2 };
    const q = elbo(m, 0.3, 0.4);
    expect(q.logp - q.elbo).toBeCloseTo(q.gap, 12);
    expect(q.gap).toBeGreaterThan(0);
    const post = exactPosterior(m);
    const at = elbo(m, post.mean, post.variance);
    expect(at.gap).toBeCloseTo(0, 14);
    expect(at.elbo).toBeCloseTo(at.logp, 12);
  });

  it('§10: the sampled gradients agree with 2μ, and their variances with the closed forms', () => {
    const { reparam, score } = sampledGradients(1, 2, 200_000, 3);
    expect(Math.abs(reparam.value - 2)).toBeLessThan(3 * reparam.se);
    expect(Math.abs(score.value - 2)).toBeLessThan(3 * score.se);
    const v = gradientVariances(1, 2);
    expect(reparam.se ** 2 * 200_000).toBeCloseTo(v.reparam, 0);
    expect(Math.abs(score.se ** 2 * 200_000 - v.score) / v.score).toBeLessThan(0.1);
    expect(v.score).toBeGreaterThan(v.reparam);
  });

  it('§11: the spread of the L-sample ELBO falls as 1/√L and matches its closed form', () => {
    const m = { w: 1.5, s2: 0.5, x: 1.2 };
    for (const L of [1, 10, 100]) {
      const r = mcElboSpread(m, 0.3, 0.4, L, 4000, 4);
      expect(Math.abs(r.sd - mcElboSd(m, 0.3, 0.4, L)) / mcElboSd(m, 0.3, 0.4, L)).toBeLessThan(0.1);
      expect(Math.abs(r.mean - elbo(m, 0.3, 0.4).elbo)).toBeLessThan(3 * r.meanSe);
    }
  });

  it('§12: the sampled KL agrees with the closed form within 3 standard errors', () => {
    const mc = sampledKl(0.8, -0.5, 50_000, 5);
    const exact = klStdNormal([0.8], [-0.5]);
    expect(Math.abs(mc.value - exact)).toBeLessThan(3 * mc.se);
    expect(klGauss(0.8, Math.exp(-0.5), 0, 1)).toBeCloseTo(exact, 14);
  });

  it('§13.2: the Gaussian NLL table of the lecture', () => {
    const printed = [
      [0.0, 0.6774],
      [0.03, 0.8574],
      [0.58, 4.1574],
      [0.58, 4.1574],
    ];
    NLL_TABLE.candidates.forEach((c, i) => {
      expect(mse(NLL_TABLE.x, c)).toBeCloseTo(printed[i][0], 4);
      expect(gaussianNll(NLL_TABLE.x, c, NLL_TABLE.sigma2)).toBeCloseTo(printed[i][1], 4);
    });
  });

  it('§16: the Bernoulli toy of the lecture', () => {
    const t = bernoulliToy();
    const printed = [0.22825187, 0.74466853, 0.63912567, 0.26221837];
    t.xhat.forEach((p, i) => expect(p).toBeCloseTo(printed[i], 7));
    expect(t.recon).toBeCloseTo(4.628730077037161, 6);
    expect(t.kl).toBeCloseTo(0.22527772535962606, 14);
    expect(t.total).toBeCloseTo(4.8540078023967865, 6);
  });
});
