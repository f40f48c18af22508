import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, LIKELIHOODS, type ModelConfig } from '../../src/shared/config';
import { Arena, HEAP, type Allocator } from '../../src/engine/kernels/arena';
import { Rng } from '../../src/engine/random';
import { Vae, type StepSettings } from '../../src/engine/vae';

/**
 * Every parameter gradient of the whole VAE objective (encoder, reparameterisation, decoder,
 * likelihood, KL with β and free bits, several Monte-Carlo samples) against central finite
 * differences. Float32 forward passes limit precision: h = 1e-2 on weights of size ~0.5 (2e-3 for ReLU),
 * tolerance |fd − g| ≤ 2e-3 + 2e-2·|g|. ReLU's kink makes a central difference meaningless
 * where a step crosses it: such coordinates (the two one-sided slopes disagree) are skipped,
 * and at most a fifth of the coordinates may be skipped.
 */
function checkGradients(
  model: ModelConfig,
  settings: StepSettings,
  xData: Float32Array,
  rows: number,
  dim: number,
  alloc: Allocator,
) {
  const vae = new Vae(model, dim, rows, settings.mcSamples, alloc);
  // Binary inputs take the sparse first-layer kernels, as the trainer chooses for binarised images.
  vae.encoder.layers[0].sparseInput = model.likelihood === 'bernoulli';
  const x = alloc.floats(xData.length);
  x.set(xData);
  vae.init();
  const lossAt = () => vae.step(x, rows, settings, new Rng(7)).loss;
  lossAt();
  const analytic = vae.params.map((p) => p.grad.slice());
  const h = model.activation === 'tanh' ? 1e-2 : 2e-3;
  let checked = 0;
  let kinks = 0;
  const f0 = lossAt();
  vae.params.forEach((p, pi) => {
    const stride = Math.max(1, Math.floor(p.value.length / 12));
    for (let i = 0; i < p.value.length; i += stride) {
      const keep = p.value[i];
      p.value[i] = keep + h;
      const up = lossAt();
      p.value[i] = keep - h;
      const down = lossAt();
      p.value[i] = keep;
      const fd = (up - down) / (2 * h);
      const g = analytic[pi][i];
      if (model.activation !== 'tanh' && Math.abs(up - f0 - (f0 - down)) / h > 2e-3 + 2e-2 * Math.abs(g)) {
        kinks++;
        continue;
      }
      expect(Math.abs(fd - g), `${p.name}[${i}] analytic ${g} vs finite difference ${fd}`).toBeLessThanOrEqual(
        2e-3 + 2e-2 * Math.abs(g),
      );
      checked++;
    }
  });
  expect(kinks, 'coordinates skipped at a ReLU kink').toBeLessThanOrEqual(checked / 4);
  return checked;
}

function data(rows: number, dim: number, binary: boolean): Float32Array {
  const rng = new Rng(3);
  const x = new Float32Array(rows * dim);
  for (let i = 0; i < x.length; i++) x[i] = binary ? (rng.uniform() < 0.4 ? 1 : 0) : rng.normal();
  return x;
}

const BASE: StepSettings = { beta: 0.7, freeBits: 0, mcSamples: 2, sigma2: 0.5, varianceFloor: 1e-3 };

/** Both homes of a model's buffers: plain arrays (JavaScript kernels) and a WebAssembly arena. */
const HOMES: [string, () => Allocator][] = [
  ['JavaScript kernels', () => HEAP],
  ['WebAssembly kernels', () => Arena.create(8 << 20)!],
];

for (const [home, makeAlloc] of HOMES)
  describe(`VAE gradients match finite differences (${home})`, () => {
    for (const likelihood of LIKELIHOODS) {
      for (const activation of ACTIVATIONS) {
        it(`${likelihood} decoder, ${activation}, two hidden layers, L = 2`, () => {
          const model: ModelConfig = {
            latent: 3,
            hidden: [5, 4],
            activation,
            likelihood,
            init: 'normal',
            initStd: 0.5,
            initSeed: 2,
          };
          const n = checkGradients(model, BASE, data(6, 4, likelihood === 'bernoulli'), 6, 4, makeAlloc());
          expect(n).toBeGreaterThan(50);
        });
      }
    }

    it('the linear VAE (no hidden layer)', () => {
      const model: ModelConfig = {
        latent: 2,
        hidden: [],
        activation: 'tanh',
        likelihood: 'gaussian',
        init: 'normal',
        initStd: 0.5,
        initSeed: 4,
      };
      checkGradients(model, { ...BASE, mcSamples: 1 }, data(5, 3, false), 5, 3, makeAlloc());
    });

    it('free bits: a dimension under λ gets no KL gradient, one above it does', () => {
      const model: ModelConfig = {
        latent: 2,
        hidden: [4],
        activation: 'tanh',
        likelihood: 'gaussian',
        init: 'normal',
        initStd: 0.5,
        initSeed: 5,
      };
      checkGradients(model, { ...BASE, freeBits: 0.05 }, data(6, 3, false), 6, 3, makeAlloc());
    });
  });
