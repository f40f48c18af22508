import type { NumberLimit } from '../shared/config';
import { UsageError } from './usage-error';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A flag's number, strictly: decimal notation only, within the limit, whole if required. */
export function parseNumber(flag: string, text: string, limit: NumberLimit): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new UsageError(`--${flag}: "${text}" is not a number`);
  const value = Number(trimmed);
  if (limit.integer && !Number.isInteger(value)) throw new UsageError(`--${flag}: ${text} must be a whole number`);
  if (value < limit.min || value > limit.max)
    throw new UsageError(`--${flag}: ${text} is outside the allowed range ${limit.min} … ${limit.max}`);
  return value;
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`--${flag}: "${text}" is not one of ${choices.join(', ')}`);
  return text as T;
}

/** `--hidden 64` or `--hidden 256,128`; `--hidden none` (or an empty value) for the linear VAE. */
export function parseWidths(flag: string, text: string, layers: NumberLimit, width: NumberLimit): number[] {
  if (text.trim() === '' || text.trim() === 'none') return [];
  const widths = text.split(',').map((part) => parseNumber(flag, part, width));
  if (widths.length > layers.max)
    throw new UsageError(`--${flag}: at most ${layers.max} hidden layers, got ${widths.length}`);
  return widths;
}

/** `key=value,key=value` → a record of strings; values may not contain commas. */
export function parseKeyValues(flag: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag}: "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    if (key in out) throw new UsageError(`--${flag}: "${key}" is given twice`);
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

/** A value that starts like a negative number: `-1`, `-0.5`, `-.5`, `-8,8`. */
const NEGATIVE = /^-\.?\d/;

/**
 * `--epochs -1` as `--epochs=-1`: node's parseArgs takes a value starting with a dash for a flag
 * and calls it ambiguous, so a negative number would never reach the range check.
 */
export function joinNegativeValues(argv: readonly string[], valueFlags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    if (arg.startsWith('--') && valueFlags.includes(arg.slice(2)) && next !== undefined && NEGATIVE.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
