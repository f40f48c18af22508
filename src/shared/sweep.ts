/**
 * A sweep: one setting over a list of values, optionally a second one for a grid, and a list of
 * seeds. Settings are named by their command-line flags (src/shared/settings.ts) and their values
 * are checked against the same limits.
 */
import * as v from 'valibot';
import { SETTING_ROWS, type NumberSetting, type SettingRow } from './settings';

/** Settings a sweep may vary, by flag; β and σ² are swept on a log scale. */
export const SWEEP_FLAGS = ['beta', 'sigma2', 'latent', 'free-bits', 'warmup', 'lr', 'seed'] as const;
export type SweepFlag = (typeof SWEEP_FLAGS)[number];
export const LOG_SWEEP_FLAGS: readonly SweepFlag[] = ['beta', 'sigma2'];
/** Default values of the log-scaled settings when `--values` is not given. */
export const DEFAULT_SWEEP_VALUES: Partial<Record<SweepFlag, string>> = {
  beta: '0.01..16:6',
  sigma2: '0.001..1:6',
};
export const MAX_SWEEP_RUNS = 64;
export const SWEEP_FORMAT = 'vae-lab-sweep';
export const SWEEP_SCHEMA_VERSION = 1;
export const SWEEP_EXTENSION = '.vaelab-sweep';

export interface SweepDefinition {
  param: SweepFlag;
  values: number[];
  param2?: SweepFlag;
  values2?: number[];
  /** Seeds of every point of the grid; absent: the experiment's own seed. */
  seeds?: number[];
}

/** One run of a sweep: the values it sets, by flag. */
export interface SweepPoint {
  index: number;
  values: Partial<Record<SweepFlag, number>>;
}

export function sweepRow(flag: string): SettingRow & { setting: NumberSetting } {
  const row = SETTING_ROWS.find((r) => r.setting.flag === flag);
  if (!row || row.setting.type !== 'number') throw new Error(`--${flag} is not a number setting`);
  return row as SettingRow & { setting: NumberSetting };
}

/** `n` values from `a` to `b` evenly spaced in log(value); the ends are exact. */
export function logSpaced(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  const la = Math.log(a);
  const step = (Math.log(b) - la) / (n - 1);
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? a : i === n - 1 ? b : Number(Math.exp(la + i * step).toPrecision(6)),
  );
}

const valueList = (flag: string, field: string) => {
  const s = sweepRow(flag).setting;
  const { min, max, integer } = s.limit;
  return v.pipe(
    v.array(v.number(`${field}: expected a number`), `${field}: expected a list of numbers`),
    v.minLength(1, `${field}: expected at least one value`),
    v.check(
      (xs) => xs.every((x) => Number.isFinite(x) && x >= min && x <= max),
      `${field}: every value of --${flag} must be from ${min} to ${max}`,
    ),
    v.check(
      (xs) => !integer || xs.every(Number.isInteger),
      `${field}: every value of --${flag} must be a whole number`,
    ),
    v.check((xs) => new Set(xs).size === xs.length, `${field}: a value of --${flag} is given twice`),
  );
};

const flagSchema = (field: string) => v.picklist(SWEEP_FLAGS, `${field}: expected one of ${SWEEP_FLAGS.join(', ')}`);

/** Checks a definition; returns it or throws an Error naming the field and the rule. */
export function validateSweep(raw: unknown, where = 'definition'): SweepDefinition {
  const shape = v.safeParse(
    v.object(
      {
        param: flagSchema(`${where}.param`),
        values: v.array(v.unknown(), `${where}.values: expected a list`),
        param2: v.optional(flagSchema(`${where}.param2`)),
        values2: v.optional(v.array(v.unknown(), `${where}.values2: expected a list`)),
        seeds: v.optional(v.array(v.unknown(), `${where}.seeds: expected a list`)),
      },
      `${where}: expected an object`,
    ),
    raw,
  );
  if (!shape.success) throw new Error(shape.issues[0].message);
  const d = shape.output;
  const check = (schema: v.GenericSchema, x: unknown) => {
    const r = v.safeParse(schema, x);
    if (!r.success) throw new Error(r.issues[0].message);
  };
  check(valueList(d.param, `${where}.values`), d.values);
  if ((d.param2 === undefined) !== (d.values2 === undefined))
    throw new Error(`${where}.values2: a second setting needs its values, and values need their setting`);
  if (d.param2 !== undefined) {
    if (d.param2 === d.param) throw new Error(`${where}.param2: --${d.param} is already the first swept setting`);
    check(valueList(d.param2, `${where}.values2`), d.values2);
  }
  if (d.seeds !== undefined) {
    if (d.param === 'seed' || d.param2 === 'seed')
      throw new Error(`${where}.seeds: the seed is already a swept setting`);
    check(valueList('seed', `${where}.seeds`), d.seeds);
  }
  const def = d as SweepDefinition;
  const runs = sweepSize(def);
  if (runs > MAX_SWEEP_RUNS) throw new Error(`${where}: ${runs} runs; a sweep has at most ${MAX_SWEEP_RUNS}`);
  return def;
}

export function sweepSize(d: SweepDefinition): number {
  return d.values.length * (d.values2?.length ?? 1) * (d.seeds?.length ?? 1);
}

/** Every run of the grid: first setting slowest, then the second, then the seed. */
export function sweepPoints(d: SweepDefinition): SweepPoint[] {
  const out: SweepPoint[] = [];
  for (const a of d.values)
    for (const b of d.values2 ?? [undefined])
      for (const s of d.seeds ?? [undefined]) {
        const values: Partial<Record<SweepFlag, number>> = { [d.param]: a };
        if (d.param2 && b !== undefined) values[d.param2] = b;
        if (s !== undefined) values.seed = s;
        out.push({ index: out.length, values });
      }
  return out;
}
