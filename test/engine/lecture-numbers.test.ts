import { describe, expect, it } from 'vitest';
import { klSums } from '../../src/engine/kl';
import { BERNOULLI, GAUSSIAN } from '../../src/engine/likelihoods';
import { Rng } from '../../src/engine/random';

// The printed worked examples of the lecture the lab grew from (docs/ARCHITECTURE.md, The lecture run), reproduced.
describe("the lecture's worked examples", () => {
  it('closed-form KL of μ = [0.5, −0.3], log σ² = [−0.2, 0.4] is 0.22527772535962606', () => {
    const perDim = new Float64Array(2);
    const kl = klSums(new Float32Array([0.5, -0.3, -0.2, 0.4]), 1, 2, perDim);
    expect(kl).toBeCloseTo(0.22527772535962606, 6);
    expect(perDim[0] + perDim[1]).toBeCloseTo(kl, 12);
  });

  it('Gaussian NLL table with σ² = 0.25: 0.6774, 0.8574, 4.1574, 4.1574', () => {
    const x = new Float32Array([1.0, -0.5, 0.7]);
    const candidates = [
      [1.0, -0.5, 0.7],
      [0.8, -0.4, 0.9],
      [0, 0, 0],
      [2.0, -1.0, 1.4],
    ];
    const opts = { sigma2: 0.25, varianceFloor: 1e-3 };
    const nll = candidates.map(
      (m) => GAUSSIAN.nll(new Float32Array(m), x, 1, 3, opts, null, 1) + GAUSSIAN.constant(3, opts),
    );
    expect(nll.map((v) => v.toFixed(4))).toEqual(['0.6774', '0.8574', '4.1574', '4.1574']);
  });

  it('the toy Bernoulli decoder: recon 4.628730077037161, total with KL 4.8540078023967865', () => {
    const z = [-0.80355319, 0.88486174];
    const w = [
      [1.2, -0.7, 0.5, 1.0],
      [-0.4, 0.8, 1.1, -0.6],
    ];
    const b = [0.1, -0.2, 0.0, 0.3];
    const logits = new Float32Array(b.map((bj, j) => z[0] * w[0][j] + z[1] * w[1][j] + bj));
    const means = new Float32Array(4);
    BERNOULLI.mean(logits, 1, 4, means);
    expect(Array.from(means, (v) => v.toFixed(6))).toEqual(['0.228252', '0.744669', '0.639126', '0.262218']);
    const recon = BERNOULLI.nll(
      logits,
      new Float32Array([1, 0, 1, 1]),
      1,
      4,
      { sigma2: 1, varianceFloor: 1e-3 },
      null,
      1,
    );
    expect(recon).toBeCloseTo(4.628730077037161, 5);
    const kl = klSums(new Float32Array([0.5, -0.3, -0.2, 0.4]), 1, 2, new Float64Array(2));
    expect(recon + kl).toBeCloseTo(4.8540078023967865, 5);
  });

  it('Monte Carlo: E[z²] for z ~ N(1, 2²) approaches the exact 5.0', () => {
    const rng = new Rng(123);
    const n = 400_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (1 + 2 * rng.normal()) ** 2;
    // Var(z²) = 4μ²σ² + 2σ⁴ = 48, so the standard error is √(48/n) ≈ 0.011.
    expect(Math.abs(sum / n - 5)).toBeLessThan(0.05);
  });
});
