import type { ExperimentConfig, LiveParams } from '../shared/config';
import type { Dataset } from './datasets/dataset';
import type { Param } from './dense';
import { buildInArena } from './kernels/arena';
import { clipGradients, gradientNorm, makeOptimizer, type ParamUpdater } from './optimizers';
import { Rng } from './random';
import { betaAt } from './schedule';
import { Vae, type StepSettings } from './vae';

/** Variance over the data of an encoder mean above which a latent unit counts as active (Burda et al. 2016). */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/** One epoch's figures: means over its minibatches, in nats per example. */
export interface EpochMetrics {
  epoch: number;
  /** The minimised objective: recon + β·KL (with free bits, β·Σ max(λ, KL_j)). */
  loss: number;
  /** −log p(x|z) without the likelihood's constant (the lecture's convention). */
  recon: number;
  /** The constant left out of recon, per example (½·D·ln 2πσ² for the fixed Gaussian). */
  reconConstant: number;
  kl: number;
  /** The β in force at the epoch's last step (after warm-up). */
  beta: number;
  betaKl: number;
  klPerDim: number[];
  /** Dimensions whose μ varied by more than 0.01 over this epoch's examples. */
  activeUnits: number;
  steps: number;
  ms: number;
}

export interface Divergence {
  epoch: number;
  step: number;
  reason: string;
}

/**
 * Runs minibatch training of a VAE on one dataset, an epoch at a time, so any host (CLI, Worker,
 * utility process) can interleave it with messages. All randomness comes from seeded generators:
 * the same configuration gives the same numbers everywhere.
 */
export class Trainer {
  readonly vae: Vae;
  readonly live: LiveParams;
  /** Completed epochs. */
  epoch = 0;
  /** Completed optimisation steps. */
  step = 0;
  divergence: Divergence | null = null;
  readonly rng: Rng;
  private readonly optimizer: ParamUpdater;
  private readonly order: Uint32Array;
  private readonly batchX: Float32Array;
  private readonly muSum: Float64Array;
  private readonly muSumSq: Float64Array;

  constructor(readonly config: ExperimentConfig, readonly data: Dataset) {
    const { model, train } = config;
    if (data.n < 1) throw new Error('the dataset has no examples');
    const batch = Math.min(train.batchSize, data.n);
    const built = buildInArena((alloc) => {
      const vae = new Vae(model, data.dim, batch, Math.max(train.mcSamples, 1), alloc);
      return { vae, optimizer: makeOptimizer(train.optimizer, vae.params, alloc), batchX: alloc.floats(batch * data.dim) };
    });
    this.vae = built.vae;
    this.vae.init();
    this.live = pickLive(train);
    this.rng = new Rng(train.seed);
    this.optimizer = built.optimizer;
    this.order = new Uint32Array(data.n).map((_, i) => i);
    this.batchX = built.batchX;
    this.muSum = new Float64Array(model.latent);
    this.muSumSq = new Float64Array(model.latent);
  }

  get params(): Param[] {
    return this.vae.params;
  }

  get done(): boolean {
    return this.epoch >= this.live.epochs;
  }

  /** Changes settings that act on the next step; Monte-Carlo samples up to the count the model was built for. */
  setLive(change: Partial<LiveParams>): void {
    Object.assign(this.live, change);
    this.live.mcSamples = Math.min(this.live.mcSamples, this.vae.maxSamples);
  }

  /** Trains one epoch. Returns null, with `divergence` set and the last finite weights kept, if a loss or gradient turns non-finite. */
  runEpoch(): EpochMetrics | null {
    if (this.divergence) return null;
    const start = performance.now();
    const { data, vae, live } = this;
    const { dim, n } = data;
    const batch = vae.maxBatch;
    const steps = Math.ceil(n / batch);
    if (data.resample && data.grey) redrawBinary(data.x, data.grey, this.rng);
    this.rng.shuffle(this.order);
    const snapshot = this.vae.params.map((p) => p.value.slice());
    const totals = { loss: 0, recon: 0, kl: 0 };
    const klPerDim = new Float64Array(vae.k);
    this.muSum.fill(0);
    this.muSumSq.fill(0);
    let beta = live.beta;
    for (let s = 0; s < steps; s++) {
      const rows = Math.min(batch, n - s * batch);
      gatherRows(data.x, this.order, s * batch, rows, dim, this.batchX);
      beta = betaAt(live.beta, live.warmup, live.warmupShape, this.epoch + (s + 1) / steps);
      const settings: StepSettings = { beta, freeBits: live.freeBits, mcSamples: live.mcSamples, sigma2: live.sigma2, varianceFloor: this.config.train.varianceFloor };
      const result = vae.step(this.batchX, rows, settings, this.rng);
      const norm = gradientNorm(vae.params);
      if (!Number.isFinite(result.loss) || !Number.isFinite(norm)) {
        return this.diverge(s, Number.isFinite(result.loss) ? 'a gradient became non-finite' : `the loss became ${result.loss}`);
      }
      clipGradients(vae.params, norm, live.clip);
      if (!this.optimizer.step(vae.params, live.lr)) {
        vae.params.forEach((p, i) => p.value.set(snapshot[i]));
        return this.diverge(s, 'a weight became non-finite after the update (weights restored to the start of the epoch)');
      }
      this.step++;
      totals.loss += result.loss;
      totals.recon += result.recon;
      totals.kl += result.kl;
      for (let j = 0; j < vae.k; j++) klPerDim[j] += result.klPerDim[j];
      this.accumulateMeans(rows);
    }
    this.epoch++;
    const kl = totals.kl / steps;
    return {
      epoch: this.epoch,
      loss: totals.loss / steps,
      recon: totals.recon / steps,
      reconConstant: vae.likelihood.constant(dim, { sigma2: live.sigma2, varianceFloor: this.config.train.varianceFloor }),
      kl,
      beta,
      betaKl: beta * kl,
      klPerDim: Array.from(klPerDim, (v) => v / steps),
      activeUnits: this.activeUnitsThisEpoch(),
      steps,
      ms: performance.now() - start,
    };
  }

  private diverge(stepInEpoch: number, reason: string): null {
    this.divergence = { epoch: this.epoch + 1, step: stepInEpoch + 1, reason };
    return null;
  }

  /** Running sums of μ over the epoch's examples, from the encoder output of the last step. */
  private accumulateMeans(rows: number): void {
    const k = this.vae.k;
    const enc = this.vae.encoder.out;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < k; j++) {
        const m = enc[2 * r * k + j];
        this.muSum[j] += m;
        this.muSumSq[j] += m * m;
      }
    }
  }

  private activeUnitsThisEpoch(): number {
    const n = this.data.n;
    let active = 0;
    for (let j = 0; j < this.vae.k; j++) {
      const mean = this.muSum[j] / n;
      if (this.muSumSq[j] / n - mean * mean > ACTIVE_UNIT_THRESHOLD) active++;
    }
    return active;
  }

  /** Everything needed to continue training exactly: weights, optimizer moments, generator, counters. */
  getState(): TrainerState {
    return {
      epoch: this.epoch,
      step: this.step,
      weights: this.vae.params.map((p) => p.value.slice()),
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      order: this.order.slice(),
      live: { ...this.live },
      data: this.data.resample ? this.data.x.slice() : null,
    };
  }

  setState(state: TrainerState): void {
    const params = this.vae.params;
    if (state.weights.length !== params.length) throw new Error(`checkpoint has ${state.weights.length} weight tensors, the model has ${params.length}`);
    params.forEach((p, i) => {
      if (state.weights[i].length !== p.value.length) throw new Error(`checkpoint tensor ${p.name} has ${state.weights[i].length} values, expected ${p.value.length}`);
      p.value.set(state.weights[i]);
    });
    this.optimizer.setState(state.optimizer);
    this.rng.setState(state.rng);
    this.order.set(state.order);
    Object.assign(this.live, state.live);
    if (state.data) this.data.x.set(state.data);
    this.epoch = state.epoch;
    this.step = state.step;
    this.divergence = null;
  }
}

export interface TrainerState {
  epoch: number;
  step: number;
  weights: Float32Array[];
  optimizer: { t: number; buffers: Float32Array[] };
  rng: number[];
  order: Uint32Array;
  live: LiveParams;
  /** The current binarised draw of resampled data. */
  data: Float32Array | null;
}

function pickLive(t: ExperimentConfig['train']): LiveParams {
  const { beta, sigma2, lr, warmup, warmupShape, freeBits, clip, mcSamples, epochs } = t;
  return { beta, sigma2, lr, warmup, warmupShape, freeBits, clip, mcSamples, epochs };
}

/** Copies rows order[from … from+rows) of x `[n × dim]` into out `[rows × dim]`. */
function gatherRows(x: Float32Array, order: Uint32Array, from: number, rows: number, dim: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const src = order[from + r] * dim;
    const dst = r * dim;
    for (let j = 0; j < dim; j++) out[dst + j] = x[src + j];
  }
}

/** x ~ Bernoulli(grey), elementwise (dynamic binarisation). */
function redrawBinary(x: Float32Array, grey: Float32Array, rng: Rng): void {
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < grey[i] ? 1 : 0;
}
