import { LIVE_KEYS, type ExperimentConfig, type LiveParams } from '../shared/config';
import type { DissectedStep, Divergence, EpochMetrics, EpochProgressState, TrainerState } from '../shared/protocol';
import type { Dataset } from './datasets/dataset';
import type { Param } from './dense';
import { StepProbe } from './dissect';
import { arenaOf, buildInArena, kernelOptions } from './kernels/arena';
import { getGemmBackend } from './kernels/gemm';
import { kernelChangeNotice, type KernelChoice, type KernelReport } from '../shared/kernels';
import { clipGradients, gradientNorm, makeOptimizer, type ParamUpdater } from './optimizers';
import { Rng } from './random';
import { betaAt } from './schedule';
import { Vae, type StepSettings } from './vae';

// The result types live in src/shared (the protocol and session files carry them as they are).
export type { Divergence, EpochMetrics, EpochProgressState, TrainerState };

/** Variance over the data of an encoder mean above which a latent unit counts as active (Burda et al. 2016). */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

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
  /** The weights before the last update, to fall back on if it produced a non-finite one. */
  private readonly backup: Float32Array[];
  /** Whether `backup` holds the weights before the last update (false before the first step of this trainer). */
  private backupValid = false;
  private progress: EpochProgress | null = null;
  /** The kernels this trainer's arithmetic runs on, and why fewer threads than asked for (or null). */
  readonly kernels: KernelReport;
  /** The kernels the latest steps ran on: this trainer's once it has taken a step, else a loaded state's. */
  private trainedWith: KernelChoice | undefined;
  /** Said when a loaded state was trained on another kernel than this trainer's (see kernelChangeNotice), else null. */
  kernelNotice: string | null = null;

  constructor(
    readonly config: ExperimentConfig,
    readonly data: Dataset,
  ) {
    const { model, train } = config;
    if (data.n < 1) throw new Error('the dataset has no examples');
    const batch = Math.min(train.batchSize, data.n);
    const built = buildInArena((alloc) => {
      const vae = new Vae(model, data.dim, batch, Math.max(train.mcSamples, 1), alloc);
      return {
        vae,
        optimizer: makeOptimizer(train.optimizer, vae.params, alloc),
        batchX: alloc.floats(batch * data.dim),
        backup: vae.params.map((p) => alloc.floats(p.value.length)),
      };
    });
    this.vae = built.vae;
    this.kernels = kernelReport(this.vae.params[0].value);
    this.trainedWith = { gemm: this.kernels.gemm, threads: this.kernels.threads };
    this.vae.init();
    this.vae.encoder.layers[0].sparseInput = zeroFraction(data.x) > SPARSE_INPUT_ZEROS;
    this.live = pickLive(train);
    this.rng = new Rng(train.seed);
    this.optimizer = built.optimizer;
    this.order = new Uint32Array(data.n).map((_, i) => i);
    this.batchX = built.batchX;
    this.backup = built.backup;
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

  /**
   * Trains one epoch (or the rest of one already begun). Returns null, with `divergence` set and the
   * last finite weights kept, if a loss or gradient turns non-finite.
   */
  runEpoch(): EpochMetrics | null {
    const result = this.advance(() => false);
    return result.kind === 'epoch' ? result.metrics : null;
  }

  /**
   * Trains minibatch steps until the epoch ends or `shouldYield()` says stop (asked after
   * every step), so a host can answer messages between steps; the next call continues the
   * same epoch. Live settings are read at every step.
   */
  advance(shouldYield: () => boolean, probe: StepProbe | null = null): AdvanceResult {
    if (this.divergence) return { kind: 'diverged' };
    const p = (this.progress ??= this.beginEpoch());
    const { data, vae, live } = this;
    const started = performance.now();
    while (p.step < p.steps) {
      const rows = Math.min(vae.maxBatch, data.n - p.step * vae.maxBatch);
      gatherRows(data.x, this.order, p.step * vae.maxBatch, rows, data.dim, this.batchX);
      p.beta = betaAt(live.beta, live.warmup, live.warmupShape, this.epoch + (p.step + 1) / p.steps);
      const settings: StepSettings = {
        beta: p.beta,
        freeBits: live.freeBits,
        mcSamples: live.mcSamples,
        sigma2: live.sigma2,
        varianceFloor: this.config.train.varianceFloor,
      };
      const result = vae.step(this.batchX, rows, settings, this.rng);
      const norm = gradientNorm(vae.params);
      if (!Number.isFinite(result.loss) || !Number.isFinite(norm)) {
        // These weights are finite but already give a non-finite loss or gradient: keep the ones before
        // the update that made them, from which a smaller step size can go on.
        if (this.backupValid) vae.params.forEach((param, i) => param.value.set(this.backup[i]));
        return this.diverge(
          p.step,
          Number.isFinite(result.loss) ? 'a gradient became non-finite' : `the loss became ${result.loss}`,
        );
      }
      probe?.gradients(vae.params, norm);
      clipGradients(vae.params, norm, live.clip);
      // the optimizer writes the weights before its update into backup (Adam in the same pass)
      const finite = this.optimizer.step(vae.params, live.lr, this.backup);
      this.backupValid = true;
      if (!finite) {
        vae.params.forEach((param, i) => param.value.set(this.backup[i]));
        return this.diverge(p.step, 'a weight became non-finite in the update (the weights before it are kept)');
      }
      probe?.updated({
        vae,
        x: this.batchX,
        indices: this.order.subarray(p.step * vae.maxBatch, p.step * vae.maxBatch + rows),
        rows,
        settings,
        result,
        before: this.backup,
        clip: live.clip,
      });
      this.trainedWith = { gemm: this.kernels.gemm, threads: this.kernels.threads };
      this.step++;
      p.step++;
      p.loss += result.loss;
      p.recon += result.recon;
      p.kl += result.kl;
      for (let j = 0; j < vae.k; j++) p.klPerDim[j] += result.klPerDim[j];
      this.accumulateMeans(p, rows);
      if (p.step < p.steps && shouldYield()) {
        p.ms += performance.now() - started;
        return { kind: 'partial' };
      }
    }
    p.ms += performance.now() - started;
    return { kind: 'epoch', metrics: this.endEpoch(p) };
  }

  /**
   * Takes exactly one minibatch step, the same step `advance` takes, and returns it taken apart with
   * the epoch's metrics when it was the epoch's last; null if it diverged (`divergence` says why).
   */
  dissectStep(): { dissection: DissectedStep; metrics: EpochMetrics | null } | null {
    if (this.divergence) return null;
    const probe = new StepProbe();
    const stepInEpoch = (this.progress?.step ?? 0) + 1;
    const result = this.advance(() => true, probe);
    const dissection = probe.result({
      epoch: this.epoch,
      step: this.step,
      stepInEpoch,
      stepsPerEpoch: Math.ceil(this.data.n / this.vae.maxBatch),
      optimizer: this.config.train.optimizer,
      lr: this.live.lr,
    });
    if (result.kind === 'diverged' || dissection === null) return null;
    return { dissection, metrics: result.kind === 'epoch' ? result.metrics : null };
  }

  /** Whether an epoch has begun and not yet ended (a pause between steps). */
  get midEpoch(): boolean {
    return this.progress !== null;
  }

  private beginEpoch(): EpochProgress {
    const { data, vae } = this;
    if (data.resample && data.grey) redrawBinary(data.x, data.grey, this.rng);
    this.rng.shuffle(this.order);
    const k = vae.k;
    return {
      step: 0,
      steps: Math.ceil(data.n / vae.maxBatch),
      loss: 0,
      recon: 0,
      kl: 0,
      beta: this.live.beta,
      klPerDim: new Float64Array(k),
      muSum: new Float64Array(k),
      muSumSq: new Float64Array(k),
      ms: 0,
    };
  }

  private endEpoch(p: EpochProgress): EpochMetrics {
    this.progress = null;
    this.epoch++;
    const { steps } = p;
    const kl = p.kl / steps;
    return {
      epoch: this.epoch,
      loss: p.loss / steps,
      recon: p.recon / steps,
      reconConstant: this.vae.likelihood.constant(this.data.dim, {
        sigma2: this.live.sigma2,
        varianceFloor: this.config.train.varianceFloor,
      }),
      kl,
      beta: p.beta,
      betaKl: p.beta * kl,
      klPerDim: Array.from(p.klPerDim, (v) => v / steps),
      activeUnits: this.activeUnits(p),
      steps,
      ms: p.ms,
    };
  }

  private diverge(stepInEpoch: number, reason: string): AdvanceResult {
    this.divergence = { epoch: this.epoch + 1, step: stepInEpoch + 1, reason };
    this.progress = null;
    return { kind: 'diverged' };
  }

  /** Running sums of μ over the epoch's examples, from the encoder output of the last step. */
  private accumulateMeans(p: EpochProgress, rows: number): void {
    const k = this.vae.k;
    const enc = this.vae.encoder.out;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < k; j++) {
        const m = enc[2 * r * k + j];
        p.muSum[j] += m;
        p.muSumSq[j] += m * m;
      }
    }
  }

  /** Dimensions whose μ varied by more than the threshold over this epoch's examples. */
  private activeUnits(p: EpochProgress): number {
    const n = this.data.n;
    let active = 0;
    for (let j = 0; j < this.vae.k; j++) {
      const mean = p.muSum[j] / n;
      if (p.muSumSq[j] / n - mean * mean > ACTIVE_UNIT_THRESHOLD) active++;
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
      progress: this.progress
        ? {
            ...this.progress,
            klPerDim: Array.from(this.progress.klPerDim),
            muSum: Array.from(this.progress.muSum),
            muSumSq: Array.from(this.progress.muSumSq),
          }
        : null,
      ...(this.trainedWith ? { kernels: { ...this.trainedWith } } : {}),
    };
  }

  setState(state: TrainerState): void {
    const params = this.vae.params;
    if (state.weights.length !== params.length)
      throw new Error(`checkpoint has ${state.weights.length} weight tensors, the model has ${params.length}`);
    params.forEach((p, i) => {
      if (state.weights[i].length !== p.value.length)
        throw new Error(
          `checkpoint tensor ${p.name} has ${state.weights[i].length} values, expected ${p.value.length}`,
        );
      p.value.set(state.weights[i]);
    });
    this.optimizer.setState(state.optimizer);
    this.rng.setState(state.rng);
    this.order.set(state.order);
    Object.assign(this.live, state.live);
    if (state.data) this.data.x.set(state.data);
    const p = state.progress;
    this.progress = p
      ? {
          ...p,
          klPerDim: Float64Array.from(p.klPerDim),
          muSum: Float64Array.from(p.muSum),
          muSumSq: Float64Array.from(p.muSumSq),
        }
      : null;
    this.epoch = state.epoch;
    this.step = state.step;
    this.divergence = null;
    this.backupValid = false;
    this.trainedWith = state.kernels && { ...state.kernels };
    this.kernelNotice = kernelChangeNotice(state.kernels, this.kernels);
  }
}

interface EpochProgress extends Omit<EpochProgressState, 'klPerDim' | 'muSum' | 'muSumSq'> {
  klPerDim: Float64Array;
  muSum: Float64Array;
  muSumSq: Float64Array;
}

/** What `advance` did: finished an epoch, stopped inside one, or diverged. */
export type AdvanceResult = { kind: 'epoch'; metrics: EpochMetrics } | { kind: 'partial' } | { kind: 'diverged' };

/** The kernels of the arena `value` lives in; JavaScript on one thread where there is none (no WebAssembly SIMD). */
function kernelReport(value: Float32Array): KernelReport {
  const arena = getGemmBackend() === 'js' ? undefined : arenaOf(value);
  if (arena) return { ...arena.kernels };
  const note = kernelOptions().threads > 1 ? 'one thread: this host has no WebAssembly SIMD' : null;
  return { gemm: 'js', threads: 1, note };
}

/** Inputs with more exact zeros than this go through the sparse first-layer kernels. */
const SPARSE_INPUT_ZEROS = 0.6;

function zeroFraction(x: Float32Array): number {
  let zeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === 0) zeros++;
  return x.length ? zeros / x.length : 0;
}

/** The live settings of a training config, in the order of the settings table. */
function pickLive(t: ExperimentConfig['train']): LiveParams {
  return Object.fromEntries(LIVE_KEYS.map((k) => [k, t[k]])) as LiveParams;
}

/** Copies rows order[from … from+rows) of x `[n × dim]` into out `[rows × dim]`. */
function gatherRows(
  x: Float32Array,
  order: Uint32Array,
  from: number,
  rows: number,
  dim: number,
  out: Float32Array,
): void {
  // a row at a time with set (a memory copy): an element loop took 28 ms of a 500 ms MNIST epoch
  for (let r = 0; r < rows; r++) {
    const src = order[from + r] * dim;
    if (dim <= 8) for (let j = 0; j < dim; j++) out[r * dim + j] = x[src + j];
    else out.set(x.subarray(src, src + dim), r * dim);
  }
}

/** x ~ Bernoulli(grey), elementwise (dynamic binarisation). */
function redrawBinary(x: Float32Array, grey: Float32Array, rng: Rng): void {
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < grey[i] ? 1 : 0;
}
