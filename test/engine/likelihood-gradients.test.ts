import { describe, expect, it } from 'vitest';
import { klBackward, klSums } from '../../src/engine/kl';
import { LIKELIHOOD_BY_KIND } from '../../src/engine/likelihoods';
import { Rng } from '../../src/engine/random';
import { LIKELIHOODS } from '../../src/shared/config';

/**
 * Each decoder likelihood's ∂NLL/∂params and the KL's ∂/∂(μ, log σ²), alone, against central
 * differences with h = 1e-3 (float32 inputs, float64 sums): |fd − g| ≤ 1e-3 + 1e-3·|g|.
 */
const h = 1e-3;
const close = (fd: number, g: number) => Math.abs(fd - g) <= 1e-3 + 1e-3 * Math.abs(g);

describe('likelihood gradients, one at a time', () => {
  for (const kind of LIKELIHOODS) {
    it(`${kind}: ∂NLL/∂params, with and without a scale`, () => {
      const like = LIKELIHOOD_BY_KIND[kind];
      const rows = 3;
      const dim = 5;
      const rng = new Rng(kind.length);
      const params = rng.fillNormal(new Float32Array(rows * dim * like.paramsPerDim), 1.5);
      const x = new Float32Array(rows * dim).map(() =>
        kind === 'bernoulli' ? (rng.uniform() < 0.5 ? 1 : 0) : rng.normal(),
      );
      const opts = { sigma2: 0.3, varianceFloor: 1e-3 };
      const grad = new Float32Array(params.length);
      const perRow = new Float64Array(rows);
      const total = like.nll(params, x, rows, dim, opts, grad, 0.5, perRow);
      expect(perRow.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
      for (let i = 0; i < params.length; i++) {
        const keep = params[i];
        params[i] = keep + h;
        const up = like.nll(params, x, rows, dim, opts, null, 1);
        params[i] = keep - h;
        const down = like.nll(params, x, rows, dim, opts, null, 1);
        params[i] = keep;
        const fd = (0.5 * (up - down)) / (2 * h);
        expect(close(fd, grad[i]), `${kind} param ${i}: analytic ${grad[i]}, finite difference ${fd}`).toBe(true);
      }
    });
  }

  it('KL with β and free bits: ∂/∂μ and ∂/∂log σ² of β·Σ_j max(λ, KL̄_j)', () => {
    const rows = 4;
    const k = 3;
    const enc = new Rng(5).fillNormal(new Float32Array(rows * 2 * k), 0.8);
    const beta = 1.7;
    const objective = (lambda: number) => {
      const perDim = new Float64Array(k);
      klSums(enc, rows, k, perDim);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.max(lambda, perDim[j] / rows);
      return beta * sum;
    };
    // Batch-mean KLs here are 0.33, 0.24 and 0.19 nats: λ = 0.25 frees the first dimension only.
    for (const lambda of [0, 0.25]) {
      const perDim = new Float64Array(k);
      klSums(enc, rows, k, perDim);
      const mean = perDim.map((v) => v / rows);
      const grad = new Float32Array(enc.length);
      klBackward(enc, rows, k, mean, beta, lambda, grad);
      const dimHasGradient = (j: number) => grad.some((g, i) => i % k === j && g !== 0);
      expect([0, 1, 2].map(dimHasGradient)).toEqual(lambda === 0 ? [true, true, true] : [true, false, false]);
      for (let i = 0; i < enc.length; i++) {
        const keep = enc[i];
        enc[i] = keep + h;
        const up = objective(lambda);
        enc[i] = keep - h;
        const down = objective(lambda);
        enc[i] = keep;
        const fd = (up - down) / (2 * h);
        expect(close(fd, grad[i]), `λ ${lambda}, input ${i}: analytic ${grad[i]}, finite difference ${fd}`).toBe(true);
      }
    }
  });
});
