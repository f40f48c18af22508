import { describe, expect, it } from 'vitest';
import { cloneConfig, LINEAR_GAUSSIAN_PRESET, type ExperimentConfig } from '../../src/shared/config';
import { linearGaussianLaw, ratePoint } from '../../src/shared/linear-gaussian';
import { evaluate } from '../../src/engine/diagnostics';
import { prepareData } from '../../src/engine/datasets';
import { dataSpectrum } from '../../src/engine/spectrum';
import { Trainer } from '../../src/engine/trainer';

/** Trains the Linear Gaussian preset at σ² for `epochs` and returns the law and the whole-dataset figures. */
function trained(sigma2: number, epochs: number) {
  const config: ExperimentConfig = cloneConfig(LINEAR_GAUSSIAN_PRESET);
  config.train.sigma2 = sigma2;
  config.train.epochs = epochs;
  config.train.lr = 1e-2;
  const data = prepareData(config.dataset);
  const spectrum = dataSpectrum(config.dataset, data);
  const trainer = new Trainer(config, data.train);
  while (!trainer.done) trainer.runEpoch();
  const diag = evaluate(trainer.vae, data.train, { sigma2, varianceFloor: config.train.varianceFloor, seed: 7 });
  const law = linearGaussianLaw(spectrum.eigenvalues!, config.model.latent, config.train.beta, sigma2);
  return { config, trainer, spectrum, law, diag };
}

describe('a trained linear VAE obeys the linear-Gaussian law', () => {
  for (const [sigma2, collapsed] of [
    [0.03, 0],
    [0.2, 1],
  ] as const) {
    it(`σ² = ${sigma2}: KL per dimension within 0.1 nats of ½ ln(λ/βσ²), ${collapsed} collapsed; D + R ≥ H`, () => {
      const { config, trainer, spectrum, law, diag } = trained(sigma2, 400);
      const measured = [...diag.klPerDim].sort((a, b) => b - a);
      expect(law.klPerDim.filter((v) => v === 0)).toHaveLength(collapsed);
      measured.forEach((kl, i) => expect(Math.abs(kl - law.klPerDim[i])).toBeLessThan(0.1));
      // The whole-dataset distortion is the law's, within the Monte-Carlo noise of one draw per example.
      expect(Math.abs(diag.recon + diag.reconConstant - law.distortion)).toBeLessThan(0.1);
      // D + R = −ELBO ≥ −log p(x) ≥ H holds in expectation over the generating distribution, so it is
      // checked on 40,000 fresh draws of it (the 2,000 training rows happen to be tighter than N(0, Σ)).
      // At σ² = 0.03 the model matches N(0, Σ) exactly and the bound is met with equality, up to the
      // one-draw noise of the reconstruction term (about 0.01 nats here): allowed 0.02 below.
      const fresh = prepareData({ ...config.dataset, seed: 99, params: { ...config.dataset.params, n: 40000 } });
      const far = evaluate(trainer.vae, fresh.train, { sigma2, varianceFloor: config.train.varianceFloor, seed: 3 });
      const p = ratePoint({ epoch: 0, kl: far.kl, recon: far.recon, reconConstant: far.reconConstant });
      expect(spectrum.entropy).not.toBeNull();
      expect(p.distortion + p.rate).toBeGreaterThanOrEqual(spectrum.entropy! - 0.02);
      if (collapsed > 0) expect(p.distortion + p.rate).toBeGreaterThan(spectrum.entropy! + 0.05);
      // On the training rows themselves the bound is Ĥ, the fitted Gaussian's entropy: the model's
      // marginal is a Gaussian, so its exact −ELBO ≥ exact −log p(x) ≥ Ĥ with no sampling noise
      // (the quadrature's own error is below 1e-3 nats).
      expect(diag.exact).not.toBeNull();
      expect(diag.exact!.negElbo).toBeGreaterThanOrEqual(diag.exact!.negLogPx);
      expect(diag.exact!.negLogPx).toBeGreaterThanOrEqual(spectrum.sampleEntropy! - 1e-3);
    }, 120_000);
  }
});

describe('the linear-Gaussian law', () => {
  it('keeps ½ ln(λ/βσ²) nats where λ > βσ² among the k largest, squared error Σ min(λ, βσ²) + discarded', () => {
    const law = linearGaussianLaw([0.5, 4, 1], 2, 2, 0.25);
    expect(law.effectiveVariance).toBe(0.5);
    expect(law.klPerDim[0]).toBeCloseTo(0.5 * Math.log(8), 12);
    expect(law.klPerDim[1]).toBeCloseTo(0.5 * Math.log(2), 12);
    expect(law.activeUnits).toBe(2);
    expect(law.squaredError).toBeCloseTo(0.5 + 0.5 + 0.5, 12);
    expect(law.recon).toBeCloseTo(1.5 / 0.5, 12);
    expect(law.distortion).toBeCloseTo(3 + 1.5 * Math.log(2 * Math.PI * 0.25), 12);
  });
  it('collapses a dimension whose eigenvalue is at or below βσ² and gives latents beyond D nothing', () => {
    const law = linearGaussianLaw([1, 0.09], 3, 1, 0.09);
    expect(law.klPerDim).toEqual([0.5 * Math.log(1 / 0.09), 0, 0]);
    expect(law.activeUnits).toBe(1);
    expect(law.squaredError).toBeCloseTo(0.09 + 0.09, 12);
  });
  it('refuses β or σ² that are not positive', () => {
    expect(() => linearGaussianLaw([1], 1, 0, 1)).toThrow(/β and σ² must be > 0/);
  });
  it('R = KL and D = recon + its constant', () => {
    expect(ratePoint({ epoch: 4, kl: 1.5, recon: 2, reconConstant: -0.25 })).toEqual({
      epoch: 4,
      rate: 1.5,
      distortion: 1.75,
    });
  });
});
