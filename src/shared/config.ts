/**
 * An experiment's configuration: the types and defaults derived from the settings tables
 * (settings.ts), and the presets. Pure data: imports only from shared.
 */
import {
  DATASET_SETTINGS,
  MODEL_SETTINGS,
  TRAIN_SETTINGS,
  defaultsOf,
  type DatasetKind,
  type LiveKey,
  type ValuesOf,
} from './settings';

export {
  ACTIVATIONS,
  DATASET_KINDS,
  INITS,
  LIKELIHOODS,
  LIMITS,
  LIVE_KEYS,
  OPTIMIZERS,
  WARMUP_SHAPES,
  type Activation,
  type DatasetKind,
  type Init,
  type Likelihood,
  type LiveKey,
  type NumberLimit,
  type Optimizer,
  type WarmupShape,
} from './settings';

/** A dataset: a generator and its parameters (numbers or short words), or imported points. */
export type DatasetSpec = Omit<ValuesOf<typeof DATASET_SETTINGS>, 'kind'> & { kind: DatasetKind };
export type ModelConfig = ValuesOf<typeof MODEL_SETTINGS>;
export type TrainConfig = ValuesOf<typeof TRAIN_SETTINGS>;

export interface ExperimentConfig {
  dataset: DatasetSpec;
  model: ModelConfig;
  train: TrainConfig;
}

export type LiveParams = Pick<TrainConfig, LiveKey>;

export const DEFAULT_TRAIN: TrainConfig = defaultsOf(TRAIN_SETTINGS);
export const DEFAULT_MODEL: ModelConfig = defaultsOf(MODEL_SETTINGS);

/** The lecture's reference run: pinwheel 5×800, 2-64-2 tanh, Adam 3e-3, β 0.25, σ² 0.03. */
export const LECTURE_PRESET: ExperimentConfig = {
  dataset: { ...defaultsOf(DATASET_SETTINGS), kind: 'pinwheel', params: { classes: 5, perClass: 800, scale: 2.5 } },
  model: { ...DEFAULT_MODEL },
  train: { ...DEFAULT_TRAIN },
};

/** A Bernoulli VAE on binarised MNIST: 784-256-2, batch 128. */
export const MNIST_PRESET: ExperimentConfig = {
  dataset: { ...defaultsOf(DATASET_SETTINGS), kind: 'mnist', params: { binarize: 'fixed', threshold: 0.5 }, seed: 0 },
  model: { ...DEFAULT_MODEL, hidden: [256], likelihood: 'bernoulli', init: 'glorot' },
  train: { ...DEFAULT_TRAIN, epochs: 20, batchSize: 128, lr: 1e-3, beta: 1, warmup: 0 },
};

/**
 * The linear-Gaussian law seen exactly: a rotated 2-D Gaussian with eigenvalues 1 and 0.09, a
 * linear VAE (no hidden layer) with the fixed-variance Gaussian decoder, β = 1 and σ² = 0.03 below
 * both eigenvalues, so both latent dimensions carry ½ ln(λ/σ²) nats until σ² is dragged past 0.09.
 */
export const LINEAR_GAUSSIAN_PRESET: ExperimentConfig = {
  dataset: {
    ...defaultsOf(DATASET_SETTINGS),
    kind: 'gaussian',
    params: { n: 2000, std1: 1, std2: 0.3, angle: 30 },
    standardize: false,
  },
  model: { ...DEFAULT_MODEL, hidden: [], likelihood: 'gaussian', latent: 2 },
  train: { ...DEFAULT_TRAIN, beta: 1, sigma2: 0.03, warmup: 0, epochs: 300 },
};

const withTrain = (c: ExperimentConfig, train: Partial<TrainConfig>): ExperimentConfig => ({
  ...c,
  train: { ...c.train, ...train },
});

/** A 2-D Gaussian with variances 1 and 0.25 along its axes, where a linear VAE settles in 150 epochs. */
const PPCA_DATA: DatasetSpec = {
  ...LINEAR_GAUSSIAN_PRESET.dataset,
  params: { n: 2000, std1: 1, std2: 0.5, angle: 30 },
};

/**
 * The phenomena of the Learn view, one preset each (the renderer's phenomena.ts says what to watch
 * for and checks it). The settings are chosen so that each effect shows within the stated epochs.
 */
export const PHENOMENON_PRESETS = {
  /** β = 300 on the lecture's pinwheel: every latent dimension collapses to the prior. */
  'collapse-beta': withTrain(LECTURE_PRESET, { beta: 300, epochs: 50 }),
  /** σ² = 0.3 lies between the eigenvalues 1 and 0.09: the law keeps one dimension, drops the other. */
  'collapse-sigma': withTrain(LINEAR_GAUSSIAN_PRESET, { sigma2: 0.3, epochs: 150 }),
  /** A linear VAE with σ² = 0.03 below both eigenvalues: probabilistic PCA, KL ½ ln(λ/σ²) per dimension. */
  ppca: {
    ...LINEAR_GAUSSIAN_PRESET,
    dataset: PPCA_DATA,
    train: { ...LINEAR_GAUSSIAN_PRESET.train, lr: 0.01, epochs: 150 },
  },
  /** The same model at β = 4: a lower rate bought with a higher distortion. */
  'beta-tradeoff': {
    ...LINEAR_GAUSSIAN_PRESET,
    dataset: PPCA_DATA,
    train: { ...LINEAR_GAUSSIAN_PRESET.train, lr: 0.01, beta: 4, epochs: 150 },
  },
  /** A fixed-variance Gaussian decoder on 2000 black-and-white digits: grey, blurred means. */
  'mnist-blur': {
    dataset: { ...MNIST_PRESET.dataset, params: { count: 2000, binarize: 'fixed', threshold: 0.5 } },
    model: { ...MNIST_PRESET.model, likelihood: 'gaussian' },
    train: { ...MNIST_PRESET.train, sigma2: 0.1, epochs: 5 },
  },
  /** β = 1 on the pinwheel with β ramped over 50 epochs: the KL overshoots while β is small. */
  'warmup-on': withTrain(LECTURE_PRESET, { beta: 1, warmup: 50, epochs: 100 }),
  /** The same without the ramp. */
  'warmup-off': withTrain(LECTURE_PRESET, { beta: 1, warmup: 0, epochs: 100 }),
  /** The σ² collapse with free bits λ = 0.25: the dropped dimension keeps about λ nats. */
  'free-bits': withTrain(LINEAR_GAUSSIAN_PRESET, { sigma2: 0.3, freeBits: 0.25, epochs: 150 }),
  /** A learned decoder variance on two noiseless half circles (a 1-D manifold in 2-D). */
  'learned-variance': {
    dataset: { ...LECTURE_PRESET.dataset, kind: 'moons', params: { perClass: 500, noise: 0 } },
    model: { ...DEFAULT_MODEL, likelihood: 'gaussian-learned' },
    train: { ...DEFAULT_TRAIN, beta: 1, epochs: 300 },
  },
} as const satisfies Record<string, ExperimentConfig>;

export const PRESETS = {
  lecture: LECTURE_PRESET,
  mnist: MNIST_PRESET,
  linear: LINEAR_GAUSSIAN_PRESET,
  ...PHENOMENON_PRESETS,
} as const;
export type PresetName = keyof typeof PRESETS;

/** A deep copy, so presets are never mutated by a caller. */
export function cloneConfig(c: ExperimentConfig): ExperimentConfig {
  return {
    dataset: { ...c.dataset, params: { ...c.dataset.params } },
    model: { ...c.model, hidden: [...c.model.hidden] },
    train: { ...c.train },
  };
}
