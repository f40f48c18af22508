/**
 * Every setting of an experiment, once: its label, unit, default, limits, whether it is live
 * (a running job takes it at its next step) or structural (it rebuilds the job), its slider,
 * its command-line flag and its help line. The types of config.ts, the protocol's validation,
 * the session schema, the CLI's flags and `--help`, the lab's panels, the trainer's live pick and
 * the words of the reset question are all derived from these tables (docs/ARCHITECTURE.md,
 * Settings). Adding a setting is one row here plus its use in the engine.
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
  'pinwheel',
  'moons',
  'circles',
  'ring',
  'grid',
  'spiral',
  'checkerboard',
  'gaussian',
  'swiss-roll',
  's-curve',
  'mnist',
  'csv',
  'points',
] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export interface NumberLimit {
  min: number;
  max: number;
  integer?: boolean;
}

/** What a slider covers: it may be narrower than the limits (a log scale cannot reach 0). */
export interface SliderRange {
  min: number;
  max: number;
  scale: 'linear' | 'log';
}

export const PANELS = ['dataset', 'model', 'hyperparameters'] as const;
export type PanelName = (typeof PANELS)[number];

interface SettingBase {
  /** The visible label in the lab. */
  label: string;
  /** One line for `--help`. */
  help: string;
  /** The panel's hint under the control, where it has one. */
  hint?: string;
  unit?: string;
  /** Live settings change a running job; the others rebuild it. */
  live: boolean;
  /** The command-line flag, without its dashes. */
  flag: string;
  /** Structural settings: "Changing <change> starts training again from epoch 0." */
  change?: string;
  /** The panel that shows it, and its place there. */
  panel: { name: PanelName; order: number };
  /** Shown only where another setting has a value; elsewhere disabled or hidden. */
  when?: { key: string; is: string; otherwise: 'disable' | 'hide' };
}

export interface NumberSetting extends SettingBase {
  type: 'number';
  default: number;
  limit: NumberLimit;
  slider: SliderRange;
}

export interface ChoiceSetting<T extends string = string> extends SettingBase {
  type: 'choice';
  default: T;
  choices: readonly T[];
  /** What a menu shows for each choice. */
  choiceLabels: Readonly<Record<T, string>>;
}

export interface BooleanSetting extends SettingBase {
  type: 'boolean';
  default: boolean;
}

/** Hidden layer widths: a list of whole numbers. */
export interface WidthsSetting extends SettingBase {
  type: 'widths';
  default: readonly number[];
  layers: NumberLimit;
  limit: NumberLimit;
  slider: SliderRange;
}

/** A dataset's own parameters, checked against dataset-params.ts. */
export interface ParamsSetting extends SettingBase {
  type: 'params';
  default: Readonly<Record<string, number | string>>;
}

export type Setting = NumberSetting | ChoiceSetting | BooleanSetting | WidthsSetting | ParamsSetting;
export type SettingGroup = 'dataset' | 'model' | 'train';

const SEED: NumberLimit = { min: 0, max: 4294967295, integer: true };
const SEED_SLIDER: SliderRange = { min: 0, max: 1000, scale: 'linear' };
const labelsOf = <T extends string>(choices: readonly T[]): Record<T, string> =>
  Object.fromEntries(choices.map((c) => [c, c])) as unknown as Record<T, string>;

export const DATASET_SETTINGS = {
  kind: {
    type: 'choice',
    label: 'Dataset',
    flag: 'dataset',
    live: false,
    change: 'the dataset',
    default: 'pinwheel',
    choices: DATASET_KINDS,
    choiceLabels: labelsOf(DATASET_KINDS),
    help: 'the dataset',
    panel: { name: 'dataset', order: 1 },
  },
  params: {
    type: 'params',
    label: 'Dataset parameters',
    flag: 'data',
    live: false,
    change: 'the dataset parameters',
    default: {},
    help: 'dataset parameters, e.g. classes=3,perClass=500; csv: path=FILE,label=COLUMN,header=yes,ignore=A;B',
    panel: { name: 'dataset', order: 2 },
  },
  seed: {
    type: 'number',
    label: 'Data seed',
    flag: 'data-seed',
    live: false,
    change: 'the data seed',
    default: 10,
    limit: SEED,
    slider: SEED_SLIDER,
    help: 'seed of the data generator',
    panel: { name: 'dataset', order: 3 },
  },
  validation: {
    type: 'number',
    label: 'Validation fraction',
    flag: 'validation',
    live: false,
    change: 'the validation split',
    default: 0,
    limit: { min: 0, max: 0.9 },
    slider: { min: 0, max: 0.9, scale: 'linear' },
    help: 'fraction of the examples held out for validation',
    hint: 'Held out of training, for validation figures.',
    panel: { name: 'dataset', order: 4 },
  },
  standardize: {
    type: 'boolean',
    label: 'Standardise columns (zero mean, unit variance)',
    flag: 'standardize',
    live: false,
    change: 'standardising',
    default: false,
    help: 'scale every column to zero mean and unit variance (training split)',
    panel: { name: 'dataset', order: 5 },
  },
  scaleToUnit: {
    type: 'boolean',
    label: 'Scale columns to [0, 1] (min–max)',
    flag: 'scale-to-unit',
    live: false,
    change: 'scaling to [0, 1]',
    default: false,
    help: 'map every column onto [0, 1] by its minimum and maximum (all rows), e.g. for a Bernoulli decoder',
    hint: 'x → (x − min) / (max − min) per column, so a Bernoulli decoder fits. Not with standardising.',
    panel: { name: 'dataset', order: 6 },
  },
} as const satisfies Record<string, Setting>;

export const MODEL_SETTINGS = {
  latent: {
    type: 'number',
    label: 'Latent size',
    flag: 'latent',
    live: false,
    change: 'the latent size',
    default: 2,
    limit: { min: 1, max: 64, integer: true },
    slider: { min: 1, max: 16, scale: 'linear' },
    help: 'latent dimensions K',
    panel: { name: 'model', order: 1 },
  },
  hidden: {
    type: 'widths',
    label: 'Hidden layers',
    flag: 'hidden',
    live: false,
    change: 'the hidden layers',
    default: [64],
    layers: { min: 0, max: 3, integer: true },
    limit: { min: 1, max: 2048, integer: true },
    slider: { min: 1, max: 1024, scale: 'log' },
    help: 'hidden layer widths of the encoder, mirrored by the decoder: 64 | 256,128 | none',
    panel: { name: 'model', order: 2 },
  },
  activation: {
    type: 'choice',
    label: 'Activation',
    flag: 'activation',
    live: false,
    change: 'the activation',
    default: 'tanh',
    choices: ACTIVATIONS,
    choiceLabels: { tanh: 'tanh', relu: 'ReLU', 'leaky-relu': 'leaky ReLU' },
    help: 'activation of the hidden layers',
    panel: { name: 'model', order: 3 },
  },
  likelihood: {
    type: 'choice',
    label: 'Decoder likelihood',
    flag: 'likelihood',
    live: false,
    change: 'the decoder likelihood',
    default: 'gaussian',
    choices: LIKELIHOODS,
    choiceLabels: {
      bernoulli: 'Bernoulli',
      gaussian: 'Gaussian, fixed σ²',
      'gaussian-learned': 'Gaussian, learned variance',
    },
    help: 'decoder likelihood p(x|z)',
    panel: { name: 'model', order: 4 },
  },
  init: {
    type: 'choice',
    label: 'Initialisation',
    flag: 'init',
    live: false,
    change: 'the initialisation',
    default: 'normal',
    choices: INITS,
    choiceLabels: { glorot: 'Glorot uniform', normal: 'Normal(0, std²)' },
    help: 'weight initialisation (biases start at 0)',
    panel: { name: 'model', order: 6 },
  },
  initStd: {
    type: 'number',
    label: 'Initial weight std',
    flag: 'init-std',
    live: false,
    change: 'the initialisation',
    default: 0.4,
    limit: { min: 1e-4, max: 10 },
    slider: { min: 0.001, max: 10, scale: 'log' },
    help: 'std of the normal initialisation',
    panel: { name: 'model', order: 7 },
    when: { key: 'model.init', is: 'normal', otherwise: 'hide' },
  },
  initSeed: {
    type: 'number',
    label: 'Initialisation seed',
    flag: 'init-seed',
    live: false,
    change: 'the initialisation seed',
    default: 1,
    limit: SEED,
    slider: SEED_SLIDER,
    help: 'seed of the initial weights',
    panel: { name: 'model', order: 8 },
  },
} as const satisfies Record<string, Setting>;

/** In the order a session file lists them. */
export const TRAIN_SETTINGS = {
  epochs: {
    type: 'number',
    label: 'Epochs',
    flag: 'epochs',
    live: true,
    default: 800,
    limit: { min: 1, max: 100000, integer: true },
    slider: { min: 1, max: 10000, scale: 'log' },
    help: 'epochs to train (in total)',
    panel: { name: 'hyperparameters', order: 5 },
  },
  batchSize: {
    type: 'number',
    label: 'Batch size',
    flag: 'batch-size',
    live: false,
    change: 'the batch size',
    default: 256,
    limit: { min: 1, max: 65536, integer: true },
    slider: { min: 1, max: 4096, scale: 'log' },
    help: 'examples per minibatch',
    panel: { name: 'hyperparameters', order: 4 },
  },
  optimizer: {
    type: 'choice',
    label: 'Optimizer',
    flag: 'optimizer',
    live: false,
    change: 'the optimizer',
    default: 'adam',
    choices: OPTIMIZERS,
    choiceLabels: { adam: 'Adam', sgd: 'SGD' },
    help: 'optimizer',
    panel: { name: 'hyperparameters', order: 11 },
  },
  lr: {
    type: 'number',
    label: 'Learning rate',
    flag: 'lr',
    live: true,
    default: 3e-3,
    limit: { min: 1e-6, max: 10 },
    slider: { min: 1e-5, max: 1, scale: 'log' },
    help: 'learning rate',
    panel: { name: 'hyperparameters', order: 3 },
  },
  beta: {
    type: 'number',
    label: 'β (KL weight)',
    flag: 'beta',
    live: true,
    default: 0.25,
    limit: { min: 0, max: 1000 },
    slider: { min: 0.001, max: 1000, scale: 'log' },
    help: 'weight of the KL term: loss = recon + β·KL',
    hint: 'Loss = recon + β·KL.',
    panel: { name: 'hyperparameters', order: 1 },
  },
  sigma2: {
    type: 'number',
    label: 'σ² (decoder variance)',
    flag: 'sigma2',
    live: true,
    default: 0.03,
    limit: { min: 1e-6, max: 1000 },
    slider: { min: 0.001, max: 10, scale: 'log' },
    help: 'fixed variance of the gaussian decoder',
    hint: 'Fixed Gaussian decoder only: recon = ‖x − x̂‖² / 2σ².',
    panel: { name: 'hyperparameters', order: 2 },
    when: { key: 'model.likelihood', is: 'gaussian', otherwise: 'disable' },
  },
  warmup: {
    type: 'number',
    label: 'KL warm-up (epochs)',
    flag: 'warmup',
    live: true,
    default: 0,
    unit: 'epochs',
    limit: { min: 0, max: 100000, integer: true },
    slider: { min: 0, max: 1000, scale: 'linear' },
    help: 'β ramps from 0 to its value over this many epochs (0 = off)',
    hint: 'β ramps up from 0 over this many epochs (0 = off).',
    panel: { name: 'hyperparameters', order: 6 },
  },
  warmupShape: {
    type: 'choice',
    label: 'Warm-up shape',
    flag: 'warmup-shape',
    live: true,
    default: 'linear',
    choices: WARMUP_SHAPES,
    choiceLabels: labelsOf(WARMUP_SHAPES),
    help: 'shape of the warm-up ramp',
    panel: { name: 'hyperparameters', order: 7 },
  },
  freeBits: {
    type: 'number',
    label: 'Free bits (nats per dimension)',
    flag: 'free-bits',
    live: true,
    default: 0,
    unit: 'nats per dimension',
    limit: { min: 0, max: 100 },
    slider: { min: 0, max: 5, scale: 'linear' },
    help: 'free bits λ per latent dimension, on the minibatch-mean KL (0 = off)',
    hint: 'KL below this per dimension costs nothing (0 = off).',
    panel: { name: 'hyperparameters', order: 8 },
  },
  mcSamples: {
    type: 'number',
    label: 'Monte-Carlo samples',
    flag: 'mc-samples',
    live: true,
    default: 1,
    limit: { min: 1, max: 64, integer: true },
    slider: { min: 1, max: 64, scale: 'linear' },
    help: 'samples of z per example',
    panel: { name: 'hyperparameters', order: 9 },
  },
  clip: {
    type: 'number',
    label: 'Gradient clip (norm)',
    flag: 'clip',
    live: true,
    default: 0,
    limit: { min: 0, max: 1e6 },
    slider: { min: 0, max: 100, scale: 'linear' },
    help: 'global gradient-norm clip (0 = off)',
    hint: 'Global gradient-norm limit (0 = off).',
    panel: { name: 'hyperparameters', order: 10 },
  },
  varianceFloor: {
    type: 'number',
    label: 'Variance floor',
    flag: 'variance-floor',
    live: false,
    change: 'the variance floor',
    default: 1e-3,
    limit: { min: 1e-8, max: 1 },
    slider: { min: 1e-6, max: 1, scale: 'log' },
    help: 'lower bound of the learned decoder variance',
    panel: { name: 'model', order: 5 },
    when: { key: 'model.likelihood', is: 'gaussian-learned', otherwise: 'hide' },
  },
  seed: {
    type: 'number',
    label: 'Training seed',
    flag: 'seed',
    live: false,
    change: 'the training seed',
    default: 11,
    limit: SEED,
    slider: SEED_SLIDER,
    help: 'seed of shuffling and ε',
    hint: 'Shuffling and the ε of the reparameterisation.',
    panel: { name: 'hyperparameters', order: 12 },
  },
} as const satisfies Record<string, Setting>;

export const SETTINGS = { dataset: DATASET_SETTINGS, model: MODEL_SETTINGS, train: TRAIN_SETTINGS } as const;

/** A setting of the host that runs an experiment, not of the experiment: it changes no number,
 * so no session keeps it.
 */
export type HostSetting = Omit<NumberSetting, 'panel' | 'live' | 'change'>;

/** The hosts' settings: a flag in the CLI, a preference in the app. */
export const HOST_SETTINGS = {
  threads: {
    type: 'number',
    label: 'Threads',
    flag: 'threads',
    default: 0,
    limit: { min: 0, max: 16, integer: true },
    slider: { min: 0, max: 16, scale: 'linear' },
    help: "threads for one run's large matrix products (0 = auto: all cores in the CLI, cores − 1 in the app; same numbers for any count)",
  },
} as const satisfies Record<string, HostSetting>;

/** The thread count `auto` (0) stands for: all cores in the CLI, all but one in the app (its page needs one). */
export function resolveThreads(threads: number, cores: number, host: 'cli' | 'app'): number {
  if (threads > 0) return threads;
  return Math.max(1, Math.min(HOST_SETTINGS.threads.limit.max, host === 'cli' ? cores : cores - 1));
}

// ---- types derived from the tables ---------------------------------------------------------------

type ValueOf<S> = S extends { type: 'number' }
  ? number
  : S extends { type: 'choice'; choices: readonly (infer T)[] }
    ? T
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'widths' }
        ? number[]
        : S extends { type: 'params' }
          ? Record<string, number | string>
          : never;

/** The values of one table: `{ latent: number; activation: Activation; … }`. */
export type ValuesOf<T> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** The keys of a table's live rows. */
export type LiveKeysOf<T> = { [K in keyof T]: T[K] extends { live: true } ? K : never }[keyof T];

/** The numeric rows of a table, by key. */
type LimitsOf<T> = { [K in keyof T as T[K] extends { type: 'number' } ? K : never]: NumberLimit };

// ---- values derived from the tables ---------------------------------------------------------------

/** A table's defaults, as a fresh object. */
export function defaultsOf<T extends Record<string, Setting>>(table: T): ValuesOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(table)) {
    out[key] = Array.isArray(s.default) ? [...s.default] : typeof s.default === 'object' ? { ...s.default } : s.default;
  }
  return out as ValuesOf<T>;
}

function limitsOf<T extends Record<string, Setting>>(table: T): LimitsOf<T> {
  const out: Record<string, NumberLimit> = {};
  for (const [key, s] of Object.entries(table)) if (s.type === 'number') out[key] = s.limit;
  return out as LimitsOf<T>;
}

/** Limits of every numeric setting by key (seeds share one), plus the hidden layers' count and width. */
export const LIMITS = {
  ...limitsOf(DATASET_SETTINGS),
  ...limitsOf(MODEL_SETTINGS),
  ...limitsOf(TRAIN_SETTINGS),
  hiddenLayers: MODEL_SETTINGS.hidden.layers as NumberLimit,
  hiddenWidth: MODEL_SETTINGS.hidden.limit as NumberLimit,
};

/** Every row with its group and key, in table order. */
export interface SettingRow {
  group: SettingGroup;
  key: string;
  /** `train.beta` */
  path: string;
  setting: Setting;
}

export const SETTING_ROWS: readonly SettingRow[] = (
  Object.entries(SETTINGS) as [SettingGroup, Record<string, Setting>][]
).flatMap(([group, table]) =>
  Object.entries(table).map(([key, setting]) => ({ group, key, path: `${group}.${key}`, setting })),
);

export type LiveKey = LiveKeysOf<typeof TRAIN_SETTINGS>;

/** Settings that take effect on the next step of a running job, in table order. */
export const LIVE_KEYS = SETTING_ROWS.filter((r) => r.group === 'train' && r.setting.live).map(
  (r) => r.key,
) as readonly LiveKey[];

/** The rows a panel shows, in its order. */
export function panelRows(panel: PanelName): SettingRow[] {
  return SETTING_ROWS.filter((r) => r.setting.panel.name === panel).sort(
    (a, b) => a.setting.panel.order - b.setting.panel.order,
  );
}
