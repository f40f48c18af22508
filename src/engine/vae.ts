import type { ModelConfig } from '../shared/config';
import type { Param } from './dense';
import { HEAP, type Allocator } from './kernels/arena';
import { klBackward, klSums } from './kl';
import { LIKELIHOOD_BY_KIND, type DecoderLikelihood, type LikelihoodOptions } from './likelihoods';
import { Mlp } from './mlp';
import { Rng } from './random';

/** What one minibatch step needs besides the data. */
export interface StepSettings extends LikelihoodOptions {
  /** The β in force for this step (after warm-up). */
  beta: number;
  freeBits: number;
  mcSamples: number;
}

/** Batch means of one step, in nats per example. */
export interface StepResult {
  /** recon + β·Σ_j max(λ, KL̄_j): the minimised objective. */
  loss: number;
  /** −log p(x|z) without the likelihood's constant (the lecture's convention). */
  recon: number;
  kl: number;
  /** Σ_j max(λ, KL̄_j), the KL part of the objective (equals `kl` without free bits). */
  klObjective: number;
  /** KL̄_j per latent dimension, `[K]` (a view into a reused buffer). */
  klPerDim: Float64Array;
}

/**
 * A VAE: the encoder maps x `[rows × D]` to `[μ | log σ²]` `[rows × 2K]`, the decoder maps
 * z `[rows × K]` to the likelihood's parameters `[rows × P·D]`. The decoder mirrors the
 * encoder's hidden widths. All step buffers are preallocated for `maxBatch` rows.
 */
export class Vae {
  readonly encoder: Mlp;
  readonly decoder: Mlp;
  readonly likelihood: DecoderLikelihood;
  readonly k: number;
  readonly params: Param[];
  /** ε and z = μ + σ·ε of the last step, `[L·rows × K]` sample-major (read by engine/dissect.ts). */
  readonly eps: Float32Array;
  readonly z: Float32Array;
  private readonly dz: Float32Array;
  private readonly dDec: Float32Array;
  private readonly dEnc: Float32Array;
  private readonly klMean: Float64Array;
  /** e^{½lv} and e^{lv} of the last step's encoder outputs, `[rows × K]`, computed once for both passes. */
  private readonly sigma: Float64Array;
  private readonly variance: Float64Array;

  constructor(
    readonly config: ModelConfig,
    readonly dim: number,
    readonly maxBatch: number,
    readonly maxSamples: number,
    alloc: Allocator = HEAP,
  ) {
    const k = (this.k = config.latent);
    this.likelihood = LIKELIHOOD_BY_KIND[config.likelihood];
    const decOut = this.likelihood.paramsPerDim * dim;
    const maxRows = maxBatch * maxSamples;
    this.encoder = new Mlp('encoder', dim, config.hidden, 2 * k, config.activation, maxBatch, alloc);
    this.decoder = new Mlp('decoder', k, [...config.hidden].reverse(), decOut, config.activation, maxRows, alloc);
    this.params = [...this.encoder.params(), ...this.decoder.params()];
    this.eps = alloc.floats(maxRows * k);
    this.z = alloc.floats(maxRows * k);
    this.dz = alloc.floats(maxRows * k);
    this.dDec = alloc.floats(maxRows * decOut);
    this.dEnc = alloc.floats(maxBatch * 2 * k);
    this.klMean = new Float64Array(k);
    this.sigma = new Float64Array(maxBatch * k);
    this.variance = new Float64Array(maxBatch * k);
  }

  /** Draws the initial weights from the model's own init seed. */
  init(): void {
    const rng = new Rng(this.config.initSeed);
    this.encoder.init(rng, this.config.init, this.config.initStd);
    this.decoder.init(rng, this.config.init, this.config.initStd);
  }

  /**
   * One forward and backward pass over x `[rows × D]`: sets every `param.grad` to the gradient
   * of the batch-mean objective. ε for each of the L samples is drawn from `rng`.
   */
  step(x: Float32Array, rows: number, s: StepSettings, rng: Rng): StepResult {
    const { k, dim, likelihood } = this;
    const samples = s.mcSamples;
    if (samples > this.maxSamples)
      throw new Error(`${samples} Monte-Carlo samples exceed the ${this.maxSamples} this model was built for`);
    // the weights' gradients are written whole by the backward pass; the biases' are sums into them
    for (const layer of this.encoder.layers) layer.db.fill(0);
    for (const layer of this.decoder.layers) layer.db.fill(0);

    const enc = this.encoder.forward(x, rows);
    this.reparameterize(enc, rows, samples, rng);
    const dec = this.decoder.forward(this.z, samples * rows);

    const stride = rows * likelihood.paramsPerDim * dim;
    const scale = 1 / (samples * rows);
    let recon = 0;
    for (let l = 0; l < samples; l++) {
      const part = dec.subarray(l * stride, (l + 1) * stride);
      recon += likelihood.nll(part, x, rows, dim, s, this.dDec.subarray(l * stride, (l + 1) * stride), scale);
    }
    recon *= scale;
    this.decoder.backward(this.dDec, samples * rows, this.dz);
    this.reparameterizeBackward(enc, rows, samples);

    const klMean = this.klMean.fill(0);
    const kl = klSums(enc, rows, k, klMean, this.variance) / rows;
    for (let j = 0; j < k; j++) klMean[j] /= rows;
    const klObjective = klBackward(enc, rows, k, klMean, s.beta, s.freeBits, this.dEnc, this.variance);
    this.encoder.backward(this.dEnc, rows, null);
    return { loss: recon + s.beta * klObjective, recon, kl, klObjective, klPerDim: klMean };
  }

  /** z = μ + e^{½lv}·ε for each sample l, rows in sample-major order `[L·rows × K]`. */
  private reparameterize(enc: Float32Array, rows: number, samples: number, rng: Rng): void {
    const { k, eps, z, sigma } = this;
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < k; j++) sigma[r * k + j] = Math.exp(0.5 * enc[2 * r * k + k + j]);
    for (let l = 0; l < samples; l++) {
      for (let r = 0; r < rows; r++) {
        const o = 2 * r * k;
        const zo = (l * rows + r) * k;
        for (let j = 0; j < k; j++) {
          const e = rng.normal();
          eps[zo + j] = e;
          z[zo + j] = enc[o + j] + sigma[r * k + j] * e;
        }
      }
    }
  }

  /** ∂/∂μ = Σ_l dz, ∂/∂lv = Σ_l dz·ε·½e^{½lv}; writes dEnc `[rows × 2K]`. */
  private reparameterizeBackward(enc: Float32Array, rows: number, samples: number): void {
    const { k, eps, dz, dEnc, sigma } = this;
    dEnc.fill(0, 0, rows * 2 * k);
    for (let l = 0; l < samples; l++) {
      for (let r = 0; r < rows; r++) {
        const o = 2 * r * k;
        const zo = (l * rows + r) * k;
        for (let j = 0; j < k; j++) {
          dEnc[o + j] += dz[zo + j];
          dEnc[o + k + j] += dz[zo + j] * eps[zo + j] * 0.5 * sigma[r * k + j];
        }
      }
    }
  }
}
