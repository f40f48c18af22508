/**
 * What a sweep in the app trains: the values typed in the Sweep form (a list, or `A..B:N` for N
 * log-spaced values), checked by the shared sweep definition, and one configuration per run: the
 * lab's experiment with the run's values set. Pure functions.
 */
import { cloneConfig, type ExperimentConfig } from '../../../shared/config';
import {
  DEFAULT_SWEEP_VALUES,
  logSpaced,
  MAX_SWEEP_RUNS,
  sweepPoints,
  sweepRow,
  validateSweep,
  type SweepDefinition,
  type SweepFlag,
  type SweepPoint,
} from '../../../shared/sweep';

/** The values a sweep of `flag` starts with in the form. */
export function defaultValuesText(flag: SweepFlag, config: ExperimentConfig): string {
  const given = DEFAULT_SWEEP_VALUES[flag];
  if (given !== undefined) return given;
  const row = sweepRow(flag);
  const now = (config[row.group] as unknown as Record<string, number>)[row.key];
  if (flag === 'seed') return [now, now + 1, now + 2].join(',');
  if (flag === 'latent') return [1, 2, 4].join(',');
  return String(now);
}

/** `0.01,0.1,1` or `0.01..16:6`; throws an Error that names the setting and the value. */
export function parseValuesText(flag: SweepFlag, text: string): number[] {
  const label = sweepRow(flag).setting.label;
  const number = (t: string) => {
    const x = Number(t.trim());
    if (t.trim() === '' || !Number.isFinite(x)) throw new Error(`${label}: “${t.trim()}” is not a number`);
    return x;
  };
  const range = /^(.+)\.\.(.+):(.+)$/.exec(text.trim());
  if (range) {
    const a = number(range[1]);
    const b = number(range[2]);
    const n = number(range[3]);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SWEEP_RUNS)
      throw new Error(`${label}: the count ${range[3].trim()} must be a whole number from 1 to ${MAX_SWEEP_RUNS}`);
    if (!(a > 0 && b > 0)) throw new Error(`${label}: log-spaced values need ends above 0`);
    return logSpaced(a, b, n);
  }
  return text.split(',').map(number);
}

/** The form's fields, as typed. */
export interface SweepForm {
  param: SweepFlag;
  values: string;
  /** No second setting when null. */
  param2: SweepFlag | null;
  values2: string;
  /** Empty: the experiment's own seed. */
  seeds: string;
}

/** The definition of a filled-in form; throws an Error in words (the field and the rule). */
export function formDefinition(form: SweepForm): SweepDefinition {
  const raw: SweepDefinition = { param: form.param, values: parseValuesText(form.param, form.values) };
  if (form.param2 !== null) {
    raw.param2 = form.param2;
    raw.values2 = parseValuesText(form.param2, form.values2);
  }
  if (form.seeds.trim() !== '') raw.seeds = parseValuesText('seed', form.seeds);
  try {
    return validateSweep(raw, 'sweep');
  } catch (e) {
    throw new Error(
      (e as Error).message
        .replace(/^sweep\.values2?: /, '')
        .replace(/^sweep\.seeds: /, 'Seeds: ')
        .replace(/^sweep\.param2: /, 'Second setting: ')
        .replace(/^sweep: /, ''),
    );
  }
}

/** The experiment `base` with a run's values set. */
export function runConfig(base: ExperimentConfig, values: SweepPoint['values']): ExperimentConfig {
  const config = cloneConfig(base);
  for (const [flag, value] of Object.entries(values) as [SweepFlag, number][]) {
    const row = sweepRow(flag);
    (config[row.group] as unknown as Record<string, number>)[row.key] = value;
  }
  return config;
}

/** Every run of the sweep, in sweep order, with its configuration. */
export function plannedRuns(def: SweepDefinition, base: ExperimentConfig) {
  return sweepPoints(def).map((p) => ({ ...p, config: runConfig(base, p.values) }));
}

/** Engine hosts at the same time by default: the cores less one for the page, at least one. */
export function defaultJobs(cores: number | undefined): number {
  return Math.max(1, (cores ?? 2) - 1);
}

/** `β=0.25 σ²=0.03 seed=2`: a run's values with the settings' short names. */
export function valuesLabel(values: SweepPoint['values']): string {
  return (Object.entries(values) as [SweepFlag, number][]).map(([f, x]) => `${shortName(f)}=${x}`).join(' ');
}

export function shortName(flag: SweepFlag): string {
  return {
    beta: 'β',
    sigma2: 'σ²',
    latent: 'latent',
    'free-bits': 'free bits',
    warmup: 'warm-up',
    lr: 'lr',
    seed: 'seed',
  }[flag];
}
