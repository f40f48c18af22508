/**
 * The benchmark VAE in TensorFlow.js: the same model, data, initial weights and
 * training algorithm as our engine (bench/workloads.ts), written the idiomatic way —
 * tf.variable parameters, one `optimizer.minimize` per batch inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../src/engine/random';
import { useTfjsBackend, type TfjsBackend, type TfjsBackendInfo } from './tfjs-backend';
import { workloadData } from './workload-data';
import {
  ADAM_BETA1,
  ADAM_BETA2,
  ADAM_EPSILON,
  WORKLOADS,
  stepsPerEpoch,
  type Workload,
  type WorkloadName,
} from './workloads';
import { median, type EngineTiming } from './timing';

/** Encoder `D → H (tanh) → 2L` and decoder `L → H (tanh) → D`. */
interface VaeParams {
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
  w3: tf.Variable;
  b3: tf.Variable;
  w4: tf.Variable;
  b4: tf.Variable;
}

/** A `[fanIn × fanOut]` weight drawn from `rng` by the workload's init rule. */
function initWeight(w: Workload, rng: Rng, fanIn: number, fanOut: number): tf.Variable {
  const values = new Float32Array(fanIn * fanOut);
  if (w.init === 'normal') rng.fillNormal(values, w.initStd);
  else {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < values.length; i++) values[i] = rng.range(-limit, limit);
  }
  // tidy disposes the initial tensor that tf.variable copies
  return tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut])));
}

function buildVae(w: Workload): VaeParams {
  const rng = new Rng(w.initSeed);
  const zeros = (k: number) => tf.tidy(() => tf.variable(tf.zeros([k])));
  return {
    w1: initWeight(w, rng, w.dim, w.hidden),
    b1: zeros(w.hidden),
    w2: initWeight(w, rng, w.hidden, 2 * w.latent),
    b2: zeros(2 * w.latent),
    w3: initWeight(w, rng, w.latent, w.hidden),
    b3: zeros(w.hidden),
    w4: initWeight(w, rng, w.hidden, w.dim),
    b4: zeros(w.dim),
  };
}

export const TFJS_DENSE_MODES = ['autodiff', 'explicit-transpose'] as const;
/**
 * `autodiff`: tf.fused.matMul and tfjs's own gradients (the idiomatic model).
 * `explicit-transpose`: the same layer with a tf.customGrad whose backward transposes
 * explicitly — tfjs-wasm 4.22 runs matMul with a transposed operand 5–10× slower.
 */
export type TfjsDenseMode = (typeof TFJS_DENSE_MODES)[number];

type Dense = (x: tf.Tensor, w: tf.Variable, b: tf.Variable) => tf.Tensor2D;
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

const denseAutodiff: Dense = (x, w, b) =>
  tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;

/** y = x·w + b with dx = dy·wᵀ, dw = xᵀ·dy, db = Σ_rows dy; `needDx` false skips dx (data input). */
function denseExplicit(needDx: boolean): Dense {
  type Save = (tensors: tf.Tensor[]) => void;
  if (!needDx) {
    return (x, w, b) => {
      const forward = (ws: tf.Tensor2D, bs: tf.Tensor1D, save: Save) => {
        const xs = x as tf.Tensor2D;
        save([xs]);
        return {
          value: tf.add(tf.matMul(xs, ws), bs),
          gradFunc: (dy: tf.Tensor2D, [xSaved]: tf.Tensor2D[]) => [tf.matMul(tf.transpose(xSaved), dy), tf.sum(dy, 0)],
        };
      };
      return tf.customGrad(forward as unknown as CustomGradFunc)(w, b) as tf.Tensor2D;
    };
  }
  const forward = (xs: tf.Tensor2D, ws: tf.Tensor2D, bs: tf.Tensor1D, save: Save) => {
    save([xs, ws]);
    return {
      value: tf.add(tf.matMul(xs, ws), bs),
      gradFunc: (dy: tf.Tensor2D, [xSaved, wSaved]: tf.Tensor2D[]) => [
        tf.matMul(dy, tf.transpose(wSaved)),
        tf.matMul(tf.transpose(xSaved), dy),
        tf.sum(dy, 0),
      ],
    };
  };
  const dense = tf.customGrad(forward as unknown as CustomGradFunc);
  return (x, w, b) => dense(x, w, b) as tf.Tensor2D;
}

const DENSE: Record<TfjsDenseMode, { input: Dense; hidden: Dense }> = {
  autodiff: { input: denseAutodiff, hidden: denseAutodiff },
  'explicit-transpose': { input: denseExplicit(false), hidden: denseExplicit(true) },
};

/**
 * Mean over the batch of recon + β·KL for `x` `[batch × D]`, with
 * z = μ + e^{½ logσ²}·ε, KL = ½Σ(μ² + e^{logσ²} − 1 − logσ²).
 */
function vaeLoss(w: Workload, p: VaeParams, x: tf.Tensor2D, noiseSeed: number, dense: TfjsDenseMode): tf.Scalar {
  const { input, hidden } = DENSE[dense];
  const h = tf.tanh(input(x, p.w1, p.b1));
  const [mu, logVar] = tf.split(hidden(h, p.w2, p.b2), 2, 1);
  const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', noiseSeed);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
  const hd = tf.tanh(hidden(z, p.w3, p.b3));
  const out = hidden(hd, p.w4, p.b4);
  const recon =
    w.likelihood === 'gaussian'
      ? tf.mul(tf.sum(tf.squaredDifference(x, out), 1), 0.5 / w.sigma2)
      : // stable BCE from logits l: max(l, 0) − l·x + log(1 + e^{−|l|})
        tf.sum(tf.add(tf.sub(tf.relu(out), tf.mul(out, x)), tf.log1p(tf.exp(tf.neg(tf.abs(out))))), 1);
  const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
  return tf.mean(tf.add(recon, tf.mul(kl, w.beta)));
}

export interface TfjsTiming extends EngineTiming {
  backend: TfjsBackendInfo;
}

export interface TfjsTimeOptions {
  /** Untimed optimiser steps before timing starts (JIT, wasm memory growth, Adam slots). */
  warmupSteps?: number;
  /** How the dense layers get their gradients; `autodiff` by default. */
  dense?: TfjsDenseMode;
}

/** One training run of a workload: its data on the backend, the model, Adam, and the noise. */
class TfjsTrainer {
  readonly w: Workload;
  private readonly x: tf.Tensor2D;
  private readonly params: VaeParams;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly rng: Rng;
  private readonly order: Int32Array;

  private readonly dense: TfjsDenseMode;

  constructor(w: Workload, dense: TfjsDenseMode) {
    this.w = w;
    this.dense = dense;
    this.x = tf.tensor2d(workloadData(w), [w.n, w.dim]);
    this.params = buildVae(w);
    this.optimizer = tf.train.adam(w.lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
    this.rng = new Rng(w.trainSeed);
    this.order = Int32Array.from({ length: w.n }, (_, i) => i);
  }

  /** Draws a new example order for the next epoch. */
  shuffle(): void {
    this.rng.shuffle(this.order);
  }

  /** One Adam step on batch `b` of the current order; returns its loss. */
  step(b: number): number {
    const { batchSize, n } = this.w;
    const seed = this.rng.nextUint32();
    return tf.tidy(() => {
      const idx = tf.tensor1d(this.order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize)), 'int32');
      const xb = tf.gather(this.x, idx) as tf.Tensor2D;
      const cost = this.optimizer.minimize(() => vaeLoss(this.w, this.params, xb, seed, this.dense), true);
      return cost ? cost.dataSync()[0] : NaN;
    });
  }

  dispose(): void {
    this.x.dispose();
    tf.dispose(Object.values(this.params));
    this.optimizer.dispose();
  }
}

/**
 * Times `epochs` epochs of training after `warmupSteps` untimed steps.
 * Whole `epochs` (≥ 1): msPerEpoch is the median of the timed epochs.
 * A fraction (0 < epochs < 1): round(epochs × steps per epoch) full-batch steps are timed
 * one by one, and msPerEpoch = median step time × n / batch.
 */
export async function timeTfjs(
  workload: WorkloadName,
  backend: TfjsBackend,
  epochs: number,
  options: TfjsTimeOptions = {},
): Promise<TfjsTiming> {
  if (!(epochs > 0)) throw new Error(`epochs must be positive, got ${epochs}`);
  const info = await useTfjsBackend(backend);
  const w = WORKLOADS[workload];
  const steps = stepsPerEpoch(w);
  const fraction = epochs < 1;
  const warmupSteps = options.warmupSteps ?? (fraction ? 3 : steps);
  const dense = options.dense ?? 'autodiff';
  const trainer = new TfjsTrainer(w, dense);
  try {
    const losses: number[] = [];
    // Warm-up walks through shuffled epochs; in fraction mode it stays off the partial last batch.
    for (let s = 0; s < warmupSteps; s++) {
      const b = s % (fraction ? Math.floor(w.n / w.batchSize) : steps);
      if (b === 0) trainer.shuffle();
      losses.push(trainer.step(b));
    }
    const tensorsAfterWarmup = tf.memory().numTensors;
    const timedMs: number[] = [];
    let lastLosses: number[] = [];
    const rounds = fraction ? Math.max(1, Math.round(epochs * steps)) : Math.round(epochs);
    for (let r = 0; r < rounds; r++) {
      const batches = fraction ? [r % Math.floor(w.n / w.batchSize)] : Array.from({ length: steps }, (_, b) => b);
      if (!fraction) lastLosses = [];
      const t0 = performance.now();
      if (!fraction || batches[0] === 0) trainer.shuffle();
      for (const b of batches) lastLosses.push(trainer.step(b));
      timedMs.push(performance.now() - t0);
    }
    const firstLosses = losses.length > 0 ? losses.slice(0, Math.min(steps, losses.length)) : lastLosses;
    const msPerEpoch = fraction ? median(timedMs) * (w.n / w.batchSize) : median(timedMs);
    return {
      msPerEpoch,
      epochs: fraction ? rounds / steps : rounds,
      finalLoss: mean(lastLosses),
      firstLoss: mean(firstLosses),
      method:
        (dense === 'autodiff' ? '' : `${dense} gradients, `) +
        (fraction
          ? `median of ${rounds} single-step times × ${(w.n / w.batchSize).toFixed(2)} steps/epoch, after ${warmupSteps} warm-up steps`
          : `median of ${rounds} epochs, after ${warmupSteps} warm-up steps`),
      timedMs,
      tensors: { afterWarmup: tensorsAfterWarmup, atEnd: tf.memory().numTensors },
      backend: info,
    };
  } finally {
    trainer.dispose();
  }
}

function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
