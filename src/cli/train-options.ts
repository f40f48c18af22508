import { parseArgs } from 'node:util';
import {
  LIMITS,
  PRESETS,
  cloneConfig,
  type DatasetKind,
  type ExperimentConfig,
  type PresetName,
} from '../shared/config';
import { SESSION_TEXT_LIMITS } from '../shared/session';
import { settingApplies, valueAt } from '../shared/setting-values';
import { HOST_SETTINGS, SETTING_ROWS, SETTINGS } from '../shared/settings';
import { joinNegativeValues, parseChoice, parseKeyValues, parseNumber } from './parse-values';
import { hostSettingHelp, parseSettingFlag, settingHelp } from './setting-flags';
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
  /** `--threads` (0 = auto: all cores). */
  threads: number;
  /** `--kernel`: `auto` (relaxed-SIMD FMA where this host has it, else exact) or `exact`. */
  kernel: KernelFlag;
}

export const KERNEL_FLAGS = ['auto', 'exact'] as const;
export type KernelFlag = (typeof KERNEL_FLAGS)[number];

/** Flags of the command itself; the settings' flags come from the settings tables. */
const OUTPUT_FLAGS = ['preset', 'log', 'eval-every', 'iwae', 'print-every', 'out', 'resume', 'name'] as const;

/** Flags that may go with --resume: the target epoch count and output settings; the rest is the saved configuration. */
export const RESUME_FLAGS = [
  'resume',
  'epochs',
  'out',
  'name',
  'log',
  'eval-every',
  'iwae',
  'print-every',
  'no-progress',
  HOST_SETTINGS.threads.flag,
  'kernel',
  // Only for a session that diverged (session-run.ts).
  'lr',
  'clip',
] as const;

export const TRAIN_HELP = `vae-lab train [options]     train a VAE and print its progress

Presets
  --preset lecture|mnist|linear  start from a preset (default: lecture; mnist for --dataset mnist)
${settingHelp('dataset')}
${settingHelp('model')}
${settingHelp('train')}
${hostSettingHelp()}
  --kernel auto|exact         matrix products with fused multiply-adds (relaxed SIMD) where this host has
                              them, else exact SIMD; exact: always exact SIMD (other last bits) [default auto]
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
                              uninterrupted run; saves back to the same file unless --out is given; a run that
                              diverged continues from its last finite weights with a new --lr and/or --clip`;

const flagOf = (key: 'kind' | 'params') => SETTINGS.dataset[key].flag;

/** Turns `train` arguments into a validated configuration; throws UsageError on any bad flag or value. */
export function parseTrainOptions(argv: string[]): TrainOptions {
  const flags: Record<string, { type: 'string' | 'boolean' }> = {
    ...Object.fromEntries(OUTPUT_FLAGS.map((f) => [f, { type: 'string' as const }])),
    ...Object.fromEntries(
      SETTING_ROWS.map((r) => [
        r.setting.flag,
        { type: r.setting.type === 'boolean' ? ('boolean' as const) : ('string' as const) },
      ]),
    ),
    'no-progress': { type: 'boolean' },
    [HOST_SETTINGS.threads.flag]: { type: 'string' },
    kernel: { type: 'string' },
  };
  const valueFlags = Object.keys(flags).filter((f) => flags[f].type === 'string');
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, valueFlags),
      strict: true,
      allowPositionals: false,
      options: flags,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (name: string) => v[name] as string | undefined;

  const kindRow = SETTING_ROWS.find((r) => r.path === 'dataset.kind')!;
  const dataset =
    str(flagOf('kind')) === undefined ? undefined : (parseSettingFlag(kindRow, str(flagOf('kind'))!) as DatasetKind);
  const presetName =
    str('preset') === undefined
      ? dataset === 'mnist'
        ? 'mnist'
        : 'lecture'
      : parseChoice('preset', str('preset')!, Object.keys(PRESETS) as PresetName[]);
  const config = cloneConfig(PRESETS[presetName]);
  const given = Object.keys(v).filter((k) => v[k] !== undefined);
  const options: TrainOptions = {
    config,
    log: 'human',
    evalEvery: 0,
    iwae: 0,
    printEvery: 0,
    progress: v['no-progress'] !== true,
    given,
    threads:
      str(HOST_SETTINGS.threads.flag) === undefined
        ? HOST_SETTINGS.threads.default
        : parseNumber(HOST_SETTINGS.threads.flag, str(HOST_SETTINGS.threads.flag)!, HOST_SETTINGS.threads.limit),
    kernel: str('kernel') === undefined ? 'auto' : parseChoice('kernel', str('kernel')!, KERNEL_FLAGS),
  };
  if (str('resume') !== undefined) {
    const extra = given.filter((f) => !(RESUME_FLAGS as readonly string[]).includes(f));
    if (extra.length > 0)
      throw new UsageError(
        `--resume continues the saved settings; ${extra.map((f) => `--${f}`).join(', ')} cannot be changed (only ${RESUME_FLAGS.filter(
          (f) => f !== 'resume',
        )
          .map((f) => `--${f}`)
          .join(', ')})`,
      );
    options.resume = nonEmpty('resume', str('resume')!);
  }
  if (str('out') !== undefined) options.out = nonEmpty('out', str('out')!);
  if (str('name') !== undefined) options.name = sessionName(str('name')!);

  if (dataset && dataset !== config.dataset.kind) config.dataset = { ...config.dataset, kind: dataset, params: {} };
  if (str(flagOf('params')) !== undefined) {
    const kv = parseKeyValues(flagOf('params'), str(flagOf('params'))!);
    if (config.dataset.kind === 'csv') {
      options.csvPath = kv.path;
      delete kv.path;
    }
    config.dataset.params = { ...config.dataset.params, ...kv };
  }
  if (config.dataset.kind === 'csv' && !options.csvPath && !options.resume)
    throw new UsageError('--dataset csv needs a file: --data path=FILE');
  applySettingFlags(config, v);
  refuseFlagsThatDoNotApply(config, given);
  if (str('log') !== undefined) options.log = parseChoice('log', str('log')!, LOG_FORMATS);
  if (str('eval-every') !== undefined)
    options.evalEvery = parseNumber('eval-every', str('eval-every')!, {
      min: 0,
      max: LIMITS.epochs.max,
      integer: true,
    });
  if (str('iwae') !== undefined) options.iwae = parseNumber('iwae', str('iwae')!, { min: 0, max: 5000, integer: true });
  if (str('print-every') !== undefined)
    options.printEvery = parseNumber('print-every', str('print-every')!, {
      min: 1,
      max: LIMITS.epochs.max,
      integer: true,
    });
  return options;
}

/** Refused before training, since the session file could not hold it. */
function sessionName(text: string): string {
  const max = SESSION_TEXT_LIMITS.name;
  if (text.length > max) throw new UsageError(`--name: is ${text.length} characters long, at most ${max} are allowed`);
  return text;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`--${flag}: expected a file name`);
  return text;
}

/** Every settings flag given, into its place in the configuration (`kind` and `params` are read above). */
function applySettingFlags(config: ExperimentConfig, given: Record<string, string | boolean | undefined>): void {
  for (const row of SETTING_ROWS) {
    if (row.key === 'kind' || row.key === 'params') continue;
    const value = given[row.setting.flag];
    if (value === undefined) continue;
    const section = config[row.group] as unknown as Record<string, unknown>;
    section[row.key] = typeof value === 'boolean' ? value : parseSettingFlag(row, value);
  }
}

/**
 * A flag the user gave whose row applies only where another setting has a value (its `when`,
 * e.g. σ² of the fixed Gaussian) is refused elsewhere: silently ignoring it would hide a mistake.
 * Only given flags count, so a preset's own values never trip it.
 */
function refuseFlagsThatDoNotApply(config: ExperimentConfig, given: readonly string[]): void {
  for (const row of SETTING_ROWS) {
    const when = row.setting.when;
    if (!when || !given.includes(row.setting.flag)) continue;
    if (settingApplies(config, row)) continue;
    const actual = valueAt(config, when.key);
    const ruler = SETTING_ROWS.find((r) => r.path === when.key)!;
    throw new UsageError(
      `--${row.setting.flag} applies only with --${ruler.setting.flag} ${when.is} (here: ${String(actual)})`,
    );
  }
}

export { UsageError };
