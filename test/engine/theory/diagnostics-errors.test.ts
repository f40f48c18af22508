import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/engine/datasets/dataset';
import { evaluate } from '../../../src/engine/diagnostics';
import { closedLogPx, drawData, fitEncoder, linearVae } from './linear-vae';

const K = 2;
const DIM = 3;
const W = [1.2, -0.4, 0.3, 0.5, 0.9, -0.7];
const B = [0.2, -0.1, 0.4];
const SIGMA2 = 0.2;
const N = 300;
const x = drawData(W, B, K, DIM, SIGMA2, N);
const data: Dataset = { x, n: N, dim: DIM, labels: new Int32Array(N).fill(-1), classes: 0, columns: [] };
// q has the posterior's mean and twice its variances (and no correlation), so the bounds differ.
const vae = linearVae(K, DIM, W, B);
fitEncoder(vae, W, B, SIGMA2, Math.log(2));
const run = (seed: number, iwaeK: number) => evaluate(vae, data, { sigma2: SIGMA2, varianceFloor: 1e-3, seed, iwaeK });

describe('Monte-Carlo figures and their standard errors', () => {
  const exactLogPx =
    Array.from({ length: N }, (_, i) => closedLogPx(x.subarray(i * DIM, (i + 1) * DIM), W, B, K, DIM, SIGMA2)).reduce(
      (a, b) => a + b,
      0,
    ) / N;

  it('gives −ELBO within its error of the exact −ELBO, with the error below 0.01 nats', () => {
    const d = run(1, 0);
    expect(d.exact).not.toBeNull();
    expect(d.se.negElbo).toBeLessThan(0.01);
    expect(d.reconSamples).toBeGreaterThan(1);
    expect(Math.abs(d.negElbo - d.exact!.negElbo)).toBeLessThan(4 * d.se.negElbo + 1e-3);
    expect(Math.abs(d.exact!.negLogPx + exactLogPx)).toBeLessThan(1e-3);
    expect(d.exact!.gap).toBeGreaterThan(0.05);
  });

  it('orders the bounds: L_1 ≤ L_5 ≤ L_50 ≤ log p(x), within 3 standard errors', () => {
    const [l1, l5, l50] = [1, 5, 50].map((k) => run(7, k).iwae!);
    const tol = (a: { se: number }, b: { se: number }) => 3 * Math.hypot(a.se, b.se);
    // negBound = −L_k, so the order reverses.
    expect(l1.negBound).toBeGreaterThanOrEqual(l5.negBound - tol(l1, l5));
    expect(l5.negBound).toBeGreaterThanOrEqual(l50.negBound - tol(l5, l50));
    expect(l50.negBound).toBeGreaterThanOrEqual(-exactLogPx - 3 * l50.se);
    expect(l1.negBound - l50.negBound).toBeGreaterThan(tol(l1, l50));
  });

  it('reports standard errors that match the spread over seeds within a factor of 2', () => {
    const runs = Array.from({ length: 12 }, (_, s) => run(100 + s, 5));
    const spread = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    for (const [name, values, se] of [
      ['−ELBO', runs.map((d) => d.negElbo), mean(runs.map((d) => d.se.negElbo))],
      ['L_5', runs.map((d) => d.iwae!.negBound), mean(runs.map((d) => d.iwae!.se))],
    ] as const) {
      const ratio = spread([...values]) / se;
      expect(ratio, name).toBeGreaterThan(0.5);
      expect(ratio, name).toBeLessThan(2);
    }
  });
});
