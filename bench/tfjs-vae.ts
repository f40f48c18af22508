/**
 * The benchmark VAE in TensorFlow.js: the same model, data, initial weights and
 * training algorithm as our engine (bench/workloads.ts), written the idiomatic way —
 * tf.variable parameters, one `optimizer.minimize` per batch inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../src/engine/random';
import { useTfjsBackend, type TfjsBackend, type TfjsBackendInfo } from './tfjs-backend';
import { workloadData } from './workload-data';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, WORKLOADS, stepsPerEpoch, type Workload, type WorkloadName } from './workloads';
import { median, type EngineTiming } from './timing';

/** Encoder `D → H (tanh) → 2L` and decoder `L → H (tanh) → D`. */
interface VaeParams {
  w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable;
  w3: tf.Variable; b3: tf.Variable; w4: tf.Variable; b4: tf.Variable;
}

/** A `[fanIn × fanOut]` weight drawn from `rng` by the workload's init rule. */
function initWeight(w: Workload, rng: Rng, fanIn: number, fanOut: number): tf.Variable {
  const values = new Float32Array(fanIn * fanOut);
  if (w.init === 'normal') rng.fillNormal(values, w.initStd);
  else {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < values.length; i++) values[i] = rng.range(-limit, limit);
  }
  return tf.variable(tf.tensor2d(values, [fanIn, fanOut]));
}

function buildVae(w: Workload): VaeParams {
  const rng = new Rng(w.initSeed);
  const zeros = (k: number) => tf.variable(tf.zeros([k]));
  return {
    w1: initWeight(w, rng, w.dim, w.hidden), b1: zeros(w.hidden),
    w2: initWeight(w, rng, w.hidden, 2 * w.latent), b2: zeros(2 * w.latent),
    w3: initWeight(w, rng, w.latent, w.hidden), b3: zeros(w.hidden),
    w4: initWeight(w, rng, w.hidden, w.dim), b4: zeros(w.dim),
  };
}

/**
 * Mean over the batch of recon + β·KL for `x` `[batch × D]`, with
 * z = μ + e^{½ logσ²}·ε, KL = ½Σ(μ² + e^{logσ²} − 1 − logσ²).
 */
function vaeLoss(w: Workload, p: VaeParams, x: tf.Tensor2D, noiseSeed: number): tf.Scalar {
  const h = tf.tanh(tf.fused.matMul({ a: x, b: p.w1, bias: p.b1 }));
  const [mu, logVar] = tf.split(tf.fused.matMul({ a: h, b: p.w2, bias: p.b2 }), 2, 1);
  const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', noiseSeed);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
  const hd = tf.tanh(tf.fused.matMul({ a: z, b: p.w3, bias: p.b3 }));
  const out = tf.fused.matMul({ a: hd, b: p.w4, bias: p.b4 });
  const recon = w.likelihood === 'gaussian'
    ? tf.mul(tf.sum(tf.squaredDifference(x, out), 1), 0.5 / w.sigma2)
    // stable BCE from logits l: max(l, 0) − l·x + log(1 + e^{−|l|})
    : tf.sum(tf.add(tf.sub(tf.relu(out), tf.mul(out, x)), tf.log1p(tf.exp(tf.neg(tf.abs(out))))), 1);
  const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
  return tf.mean(tf.add(recon, tf.mul(kl, w.beta)));
}

export interface TfjsTiming extends EngineTiming {
  backend: TfjsBackendInfo;
}

export interface TfjsTimeOptions {
  /** Untimed optimiser steps before timing starts (JIT, wasm memory growth, Adam slots). */
  warmupSteps?: number;
}

/** One training run of a workload: its data on the backend, the model, Adam, and the noise. */
class TfjsTrainer {
  readonly w: Workload;
  private readonly x: tf.Tensor2D;
  private readonly params: VaeParams;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly rng: Rng;
  private readonly order: Int32Array;

  constructor(w: Workload) {
    this.w = w;
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
      const cost = this.optimizer.minimize(() => vaeLoss(this.w, this.params, xb, seed), true);
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
  const trainer = new TfjsTrainer(w);
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
      method: fraction
        ? `median of ${rounds} single-step times × ${(w.n / w.batchSize).toFixed(2)} steps/epoch, after ${warmupSteps} warm-up steps`
        : `median of ${rounds} epochs, after ${warmupSteps} warm-up steps`,
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
