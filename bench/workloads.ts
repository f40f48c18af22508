/**
 * The two benchmark workloads, as numbers only: every engine (ours and TensorFlow.js)
 * reads its sizes and hyperparameters from here, so all of them train the same model
 * with the same algorithm on the same data.
 */

export const WORKLOAD_NAMES = ['lecture', 'mnist'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export type BenchLikelihood = 'gaussian' | 'bernoulli';
export type BenchInit = 'normal' | 'glorot';

export interface Workload {
  name: WorkloadName;
  /** Examples in one epoch. */
  n: number;
  /** Data dimension D (input of the encoder, output of the decoder). */
  dim: number;
  /** Width of the single tanh hidden layer, in the encoder and in the decoder. */
  hidden: number;
  /** Latent dimension L; the encoder outputs 2L numbers: μ then log σ². */
  latent: number;
  /**
   * `gaussian`: recon = ½‖x − x̂‖²/σ² (fixed σ², constant dropped);
   * `bernoulli`: recon = Σ max(l,0) − l·x + log(1 + e^{−|l|}) over pixels, l the logits.
   */
  likelihood: BenchLikelihood;
  /** Fixed decoder variance σ² (gaussian only). */
  sigma2: number;
  /** loss per example = recon + β·KL, KL = ½Σ(μ² + e^{logσ²} − 1 − logσ²); mean over the batch. */
  beta: number;
  batchSize: number;
  /** Adam step size; β₁, β₂ and ε are the ADAM_* constants below. */
  lr: number;
  /** `normal`: weights ~ N(0, initStd²); `glorot`: U(±√(6/(fanIn + fanOut))). Biases start at 0. */
  init: BenchInit;
  initStd: number;
  /** Seeds of the initial weights and of the training noise (shuffling, ε); the data's are in the presets. */
  initSeed: number;
  trainSeed: number;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
/** Set explicitly: TensorFlow.js would otherwise use its float32 default of 1e-7. */
export const ADAM_EPSILON = 1e-8;

/** The lecture run: pinwheel 5 × 800 points, 2-64-2 tanh, Gaussian decoder σ² 0.03, β 0.25. */
export const LECTURE_WORKLOAD: Workload = {
  name: 'lecture',
  n: 5 * 800,
  dim: 2,
  hidden: 64,
  latent: 2,
  likelihood: 'gaussian',
  sigma2: 0.03,
  beta: 0.25,
  batchSize: 256,
  lr: 3e-3,
  init: 'normal',
  initStd: 0.4,
  initSeed: 1,
  trainSeed: 11,
};

/** Binarised MNIST (the `mnist` package's 10,000 digits), 784-256-2 tanh, Bernoulli decoder. */
export const MNIST_WORKLOAD: Workload = {
  name: 'mnist',
  n: 10_000,
  dim: 784,
  hidden: 256,
  latent: 2,
  likelihood: 'bernoulli',
  sigma2: 1,
  beta: 1,
  batchSize: 128,
  lr: 1e-3,
  init: 'glorot',
  initStd: 0,
  initSeed: 1,
  trainSeed: 11,
};

export const WORKLOADS: Record<WorkloadName, Workload> = {
  lecture: LECTURE_WORKLOAD,
  mnist: MNIST_WORKLOAD,
};

/** Grey level above which an MNIST pixel becomes 1 (as MNIST_PRESET's `fixed` binarisation). */
export const MNIST_THRESHOLD = 0.5;

/** Optimiser steps in one epoch: the last batch may be partial. */
export function stepsPerEpoch(w: Workload): number {
  return Math.ceil(w.n / w.batchSize);
}
