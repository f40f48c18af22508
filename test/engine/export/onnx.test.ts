import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/engine/datasets';
import { decoderOnnx, encoderOnnx } from '../../../src/engine/export/onnx';
import { Trainer } from '../../../src/engine/trainer';
import { LECTURE_PRESET, cloneConfig, type ExperimentConfig, type Likelihood } from '../../../src/shared/config';

ort.env.wasm.numThreads = 1;

function trained(likelihood: Likelihood, activation: ExperimentConfig['model']['activation']): Trainer {
  const config = cloneConfig(LECTURE_PRESET);
  config.model.likelihood = likelihood;
  config.model.activation = activation;
  config.model.hidden = [16, 8];
  config.dataset.params = { ...config.dataset.params, perClass: 40 };
  const trainer = new Trainer(config, makeDataset(config.dataset));
  for (let e = 0; e < 3; e++) trainer.advance(() => false);
  return trainer;
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const cases: [Likelihood, ExperimentConfig['model']['activation']][] = [
  ['gaussian', 'tanh'],
  ['bernoulli', 'relu'],
  ['gaussian-learned', 'leaky-relu'],
];

describe('ONNX export run in onnxruntime', () => {
  it.each(cases)(
    '%s decoder, %s: encoder and decoder match the engine on 200 examples within 1e-5',
    async (lik, act) => {
      const trainer = trained(lik, act);
      const { vae, data } = trainer;
      const dim = data.dim;
      const k = vae.k;
      const rows = 200;
      const x = data.x.slice(0, rows * dim);
      const weights = trainer.getState().weights;
      const opts = { sigma2: trainer.live.sigma2, varianceFloor: trainer.config.train.varianceFloor };

      const enc = await ort.InferenceSession.create(encoderOnnx(vae.config, dim, weights, 'test'));
      const encOut = await enc.run({ x: new ort.Tensor('float32', x, [rows, dim]) });
      const ours = vae.encoder.forward(x, rows);
      const mu = new Float32Array(rows * k);
      const lv = new Float32Array(rows * k);
      for (let r = 0; r < rows; r++) {
        mu.set(ours.subarray(2 * r * k, 2 * r * k + k), r * k);
        lv.set(ours.subarray(2 * r * k + k, 2 * r * k + 2 * k), r * k);
      }
      expect(encOut.mu.dims).toEqual([rows, k]);
      expect(maxAbs(encOut.mu.data as Float32Array, mu)).toBeLessThanOrEqual(1e-5);
      expect(maxAbs(encOut.logvar.data as Float32Array, lv)).toBeLessThanOrEqual(1e-5);

      const dec = await ort.InferenceSession.create(decoderOnnx(vae.config, dim, weights, opts, 'test'));
      const decOut = await dec.run({ z: new ort.Tensor('float32', mu, [rows, k]) });
      const p = vae.decoder.forward(mu, rows);
      const per = vae.likelihood.paramsPerDim;
      const first = new Float32Array(rows * dim);
      const second = new Float32Array(rows * dim);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < dim; j++) {
          first[r * dim + j] = p[per * r * dim + j];
          if (per === 2) second[r * dim + j] = opts.varianceFloor + Math.exp(p[2 * r * dim + dim + j]);
        }
      const firstName = lik === 'bernoulli' ? 'logits' : 'mean';
      expect(dec.outputNames).toEqual(per === 2 ? ['mean', 'variance'] : [firstName]);
      expect(maxAbs(decOut[firstName].data as Float32Array, first)).toBeLessThanOrEqual(1e-5);
      if (per === 2) expect(maxAbs(decOut.variance.data as Float32Array, second)).toBeLessThanOrEqual(1e-5);
    },
  );
});
