import { parseArgs } from 'node:util';
import {
  ACTIVATIONS, DATASET_KINDS, INITS, LIKELIHOODS, LIMITS, OPTIMIZERS, PRESETS, WARMUP_SHAPES,
  cloneConfig, type ExperimentConfig, type PresetName,
} from '../shared/config';
import { parseChoice, parseKeyValues, parseNumber, parseWidths } from './parse-values';
import { UsageError } from './usage-error';

export const LOG_FORMATS = ['human', 'jsonl'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** What `vae-lab train` was asked to do. */
export interface TrainOptions {
  config: ExperimentConfig;
  /** CSV file for `--dataset csv`. */
  csvPath?: string;
  log: LogFormat;
  /** Whole-dataset diagnostics every N epochs (0 = only at the end, in the summary). */
  evalEvery: number;
  /** Importance samples for the L_k bound in diagnostics (0 = off). */
  iwae: number;
  /** Human log: a line every N epochs (0 = the lecture's choice, a quarter of the run). */
  printEvery: number;
  progress: boolean;
  /** Save the session here when the run ends (`--out`). */
  out?: string;
  /** Continue the session in this file (`--resume`). */
  resume?: string;
  /** Session name (`--name`; default: the file name). */
  name?: string;
  /** The flags given on the command line, without the dashes. */
  given: string[];
}

const STRING_FLAGS = [
  'preset', 'dataset', 'data', 'data-seed', 'validation', 'likelihood', 'sigma2', 'beta', 'hidden', 'activation', 'latent',
  'init', 'init-std', 'init-seed', 'epochs', 'batch-size', 'lr', 'optimizer', 'warmup', 'warmup-shape', 'free-bits',
  'mc-samples', 'seed', 'clip', 'variance-floor', 'log', 'eval-every', 'iwae', 'print-every', 'out', 'resume', 'name',
] as const;

/** Flags that may go with --resume: the target epoch count and output settings; the rest is the saved configuration. */
export const RESUME_FLAGS = ['resume', 'epochs', 'out', 'name', 'log', 'eval-every', 'iwae', 'print-every', 'no-progress'] as const;

export const TRAIN_HELP = `vae-lab train [options]     train a VAE and print its progress

Presets and data
  --preset lecture|mnist      start from a preset (default: lecture; mnist for --dataset mnist)
  --dataset KIND              ${DATASET_KINDS.filter((k) => k !== 'points').join(', ')}
  --data key=value,...        dataset parameters (e.g. classes=3,perClass=500; csv: path=FILE,label=COLUMN,header=yes)
  --data-seed N               seed of the data generator
  --validation F              fraction held out for validation (0 … 0.9)
  --standardize               scale columns to zero mean, unit variance
Model
  --latent K  --hidden 64 | 256,128 | none  --activation ${ACTIVATIONS.join('|')}
  --likelihood ${LIKELIHOODS.join('|')}  --sigma2 S (fixed Gaussian)  --variance-floor V (learned Gaussian)
  --init ${INITS.join('|')}  --init-std S  --init-seed N
Training
  --epochs N  --batch-size N  --optimizer ${OPTIMIZERS.join('|')}  --lr R  --beta B  --warmup N  --warmup-shape ${WARMUP_SHAPES.join('|')}
  --free-bits L  --mc-samples L  --clip C  --seed N
Output
  --log human|jsonl           lecture-style lines with a progress bar, or one JSON object per epoch
  --eval-every N              whole-dataset diagnostics every N epochs (jsonl)
  --iwae K                    importance-weighted bound L_K in the diagnostics
  --print-every N             human log: a line every N epochs
  --no-progress               no progress bar
Sessions
  --out FILE.vaelab           save the session (settings, weights, optimizer state, metric history) when the run ends
  --name TEXT                 the session's name (default: the file name)
  --resume FILE.vaelab        continue a saved session to --epochs N in total, with the same numbers as an
                              uninterrupted run; saves back to the same file unless --out is given`;

/** Turns `train` arguments into a validated configuration; throws UsageError on any bad flag or value. */
export function parseTrainOptions(argv: string[]): TrainOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }])),
        standardize: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (name: string) => v[name] as string | undefined;

  const dataset = str('dataset') === undefined ? undefined : parseChoice('dataset', str('dataset')!, DATASET_KINDS.filter((k) => k !== 'points'));
  const presetName = str('preset') === undefined ? (dataset === 'mnist' ? 'mnist' : 'lecture') : parseChoice('preset', str('preset')!, Object.keys(PRESETS) as PresetName[]);
  const config = cloneConfig(PRESETS[presetName]);
  const given = Object.keys(v).filter((k) => v[k] !== undefined);
  const options: TrainOptions = { config, log: 'human', evalEvery: 0, iwae: 0, printEvery: 0, progress: v['no-progress'] !== true, given };
  if (str('resume') !== undefined) {
    const extra = given.filter((f) => !(RESUME_FLAGS as readonly string[]).includes(f));
    if (extra.length > 0) throw new UsageError(`--resume continues the saved settings; ${extra.map((f) => `--${f}`).join(', ')} cannot be changed (only ${RESUME_FLAGS.filter((f) => f !== 'resume').map((f) => `--${f}`).join(', ')})`);
    options.resume = nonEmpty('resume', str('resume')!);
  }
  if (str('out') !== undefined) options.out = nonEmpty('out', str('out')!);
  if (str('name') !== undefined) options.name = str('name');

  if (dataset && dataset !== config.dataset.kind) config.dataset = { ...config.dataset, kind: dataset, params: {} };
  if (str('data') !== undefined) {
    const kv = parseKeyValues('data', str('data')!);
    if (config.dataset.kind === 'csv') {
      options.csvPath = kv.path;
      delete kv.path;
    }
    config.dataset.params = { ...config.dataset.params, ...kv };
  }
  if (config.dataset.kind === 'csv' && !options.csvPath && !options.resume) throw new UsageError('--dataset csv needs a file: --data path=FILE');
  applyNumbers(config, str);
  const m = config.model;
  const t = config.train;
  if (str('hidden') !== undefined) m.hidden = parseWidths('hidden', str('hidden')!, LIMITS.hiddenLayers, LIMITS.hiddenWidth);
  if (str('activation') !== undefined) m.activation = parseChoice('activation', str('activation')!, ACTIVATIONS);
  if (str('likelihood') !== undefined) m.likelihood = parseChoice('likelihood', str('likelihood')!, LIKELIHOODS);
  if (str('init') !== undefined) m.init = parseChoice('init', str('init')!, INITS);
  if (str('optimizer') !== undefined) t.optimizer = parseChoice('optimizer', str('optimizer')!, OPTIMIZERS);
  if (str('warmup-shape') !== undefined) t.warmupShape = parseChoice('warmup-shape', str('warmup-shape')!, WARMUP_SHAPES);
  if (v.standardize === true) config.dataset.standardize = true;
  if (str('log') !== undefined) options.log = parseChoice('log', str('log')!, LOG_FORMATS);
  if (str('eval-every') !== undefined) options.evalEvery = parseNumber('eval-every', str('eval-every')!, { min: 0, max: LIMITS.epochs.max, integer: true });
  if (str('iwae') !== undefined) options.iwae = parseNumber('iwae', str('iwae')!, { min: 0, max: 5000, integer: true });
  if (str('print-every') !== undefined) options.printEvery = parseNumber('print-every', str('print-every')!, { min: 1, max: LIMITS.epochs.max, integer: true });
  return options;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`--${flag}: expected a file name`);
  return text;
}

/** Flags that set one number of the configuration: flag → [section, key, limit]. */
const NUMBER_FLAGS = {
  'data-seed': ['dataset', 'seed', LIMITS.seed],
  validation: ['dataset', 'validation', LIMITS.validation],
  latent: ['model', 'latent', LIMITS.latent],
  'init-std': ['model', 'initStd', LIMITS.initStd],
  'init-seed': ['model', 'initSeed', LIMITS.seed],
  sigma2: ['train', 'sigma2', LIMITS.sigma2],
  beta: ['train', 'beta', LIMITS.beta],
  epochs: ['train', 'epochs', LIMITS.epochs],
  'batch-size': ['train', 'batchSize', LIMITS.batchSize],
  lr: ['train', 'lr', LIMITS.lr],
  warmup: ['train', 'warmup', LIMITS.warmup],
  'free-bits': ['train', 'freeBits', LIMITS.freeBits],
  'mc-samples': ['train', 'mcSamples', LIMITS.mcSamples],
  seed: ['train', 'seed', LIMITS.seed],
  clip: ['train', 'clip', LIMITS.clip],
  'variance-floor': ['train', 'varianceFloor', LIMITS.varianceFloor],
} as const;

function applyNumbers(config: ExperimentConfig, str: (name: string) => string | undefined): void {
  for (const [flag, [section, key, limit]] of Object.entries(NUMBER_FLAGS)) {
    const text = str(flag);
    if (text !== undefined) (config[section] as unknown as Record<string, number>)[key] = parseNumber(flag, text, limit);
  }
}

export { UsageError };
