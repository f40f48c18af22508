/**
 * Every setting of an experiment, with defaults and limits. Pure data: no imports.
 * `live` settings change a running job; `structural` ones rebuild it.
 */

export const ACTIVATIONS = ['tanh', 'relu', 'leaky-relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const LIKELIHOODS = ['bernoulli', 'gaussian', 'gaussian-learned'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const OPTIMIZERS = ['adam', 'sgd'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

export const WARMUP_SHAPES = ['linear', 'cyclical'] as const;
export type WarmupShape = (typeof WARMUP_SHAPES)[number];

export const INITS = ['glorot', 'normal'] as const;
export type Init = (typeof INITS)[number];

export const DATASET_KINDS = [
  'pinwheel', 'moons', 'circles', 'ring', 'grid', 'spiral', 'checkerboard', 'gaussian',
  'swiss-roll', 's-curve', 'mnist', 'csv', 'points',
] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** A dataset: a generator and its parameters (numbers or short words), or imported points. */
export interface DatasetSpec {
  kind: DatasetKind;
  /** Generator parameters by name, e.g. `{ classes: 5, perClass: 800, scale: 2.5 }`. */
  params: Record<string, number | string>;
  seed: number;
  /** Fraction of examples held out for validation, 0 ≤ f < 1. */
  validation: number;
  /** Scale every column to zero mean and unit variance (statistics of the training split). */
  standardize: boolean;
}

export interface ModelConfig {
  latent: number;
  /** Hidden layer widths of the encoder; the decoder mirrors them. `[]` is the linear VAE. */
  hidden: number[];
  activation: Activation;
  likelihood: Likelihood;
  /** `normal`: weights ~ N(0, initStd²); `glorot`: Glorot-uniform. Biases start at 0. */
  init: Init;
  initStd: number;
  initSeed: number;
}

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  lr: number;
  beta: number;
  /** Fixed decoder variance σ² of the `gaussian` likelihood. */
  sigma2: number;
  /** β ramps from 0 to its value over this many epochs (0 = off). */
  warmup: number;
  warmupShape: WarmupShape;
  /** Free bits λ in nats per latent dimension, on the minibatch-mean KL (0 = off). */
  freeBits: number;
  /** Monte-Carlo samples of z per example. */
  mcSamples: number;
  /** Global gradient-norm clip (0 = off). */
  clip: number;
  /** Lower bound of the learned decoder variance. */
  varianceFloor: number;
  /** Seed of shuffling and ε. */
  seed: number;
}

export interface ExperimentConfig {
  dataset: DatasetSpec;
  model: ModelConfig;
  train: TrainConfig;
}

/** Settings that take effect on the next step of a running job. */
export const LIVE_KEYS = ['beta', 'sigma2', 'lr', 'warmup', 'warmupShape', 'freeBits', 'clip', 'mcSamples', 'epochs'] as const;
export type LiveKey = (typeof LIVE_KEYS)[number];
export type LiveParams = Pick<TrainConfig, LiveKey>;

export interface NumberLimit {
  min: number;
  max: number;
  integer?: boolean;
}

/** Limits of every numeric setting; the CLI and the UI check against these. */
export const LIMITS = {
  latent: { min: 1, max: 64, integer: true },
  hiddenLayers: { min: 0, max: 3, integer: true },
  hiddenWidth: { min: 1, max: 2048, integer: true },
  initStd: { min: 1e-4, max: 10 },
  epochs: { min: 1, max: 100000, integer: true },
  batchSize: { min: 1, max: 65536, integer: true },
  lr: { min: 1e-6, max: 10 },
  beta: { min: 0, max: 1000 },
  sigma2: { min: 1e-6, max: 1000 },
  warmup: { min: 0, max: 100000, integer: true },
  freeBits: { min: 0, max: 100 },
  mcSamples: { min: 1, max: 64, integer: true },
  clip: { min: 0, max: 1e6 },
  varianceFloor: { min: 1e-8, max: 1 },
  seed: { min: 0, max: 4294967295, integer: true },
  validation: { min: 0, max: 0.9 },
} satisfies Record<string, NumberLimit>;

export const DEFAULT_TRAIN: TrainConfig = {
  epochs: 800,
  batchSize: 256,
  optimizer: 'adam',
  lr: 3e-3,
  beta: 0.25,
  sigma2: 0.03,
  warmup: 0,
  warmupShape: 'linear',
  freeBits: 0,
  mcSamples: 1,
  clip: 0,
  varianceFloor: 1e-3,
  seed: 11,
};

export const DEFAULT_MODEL: ModelConfig = {
  latent: 2,
  hidden: [64],
  activation: 'tanh',
  likelihood: 'gaussian',
  init: 'normal',
  initStd: 0.4,
  initSeed: 1,
};

/** The lecture's reference run: pinwheel 5×800, 2-64-2 tanh, Adam 3e-3, β 0.25, σ² 0.03. */
export const LECTURE_PRESET: ExperimentConfig = {
  dataset: {
    kind: 'pinwheel',
    params: { classes: 5, perClass: 800, scale: 2.5 },
    seed: 10,
    validation: 0,
    standardize: false,
  },
  model: { ...DEFAULT_MODEL },
  train: { ...DEFAULT_TRAIN },
};

/** A Bernoulli VAE on binarised MNIST: 784-256-2, batch 128. */
export const MNIST_PRESET: ExperimentConfig = {
  dataset: { kind: 'mnist', params: { binarize: 'fixed', threshold: 0.5 }, seed: 0, validation: 0, standardize: false },
  model: { latent: 2, hidden: [256], activation: 'tanh', likelihood: 'bernoulli', init: 'glorot', initStd: 0.4, initSeed: 1 },
  train: { ...DEFAULT_TRAIN, epochs: 20, batchSize: 128, lr: 1e-3, beta: 1, warmup: 0 },
};

export const PRESETS = { lecture: LECTURE_PRESET, mnist: MNIST_PRESET } as const;
export type PresetName = keyof typeof PRESETS;

/** A deep copy, so presets are never mutated by a caller. */
export function cloneConfig(c: ExperimentConfig): ExperimentConfig {
  return {
    dataset: { ...c.dataset, params: { ...c.dataset.params } },
    model: { ...c.model, hidden: [...c.model.hidden] },
    train: { ...c.train },
  };
}
