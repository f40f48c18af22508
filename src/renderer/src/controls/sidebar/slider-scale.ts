/**
 * Slider positions ↔ values on linear or log scales, and the check of a typed-in number.
 * A range input runs over integer positions 0 … STEPS; a log scale spaces them evenly in
 * log10 of the value, so β from 0.001 to 1000 gets as much travel per decade.
 */
import type { NumberLimit, SliderRange as SettingSlider } from '../../../../shared/settings';

export const STEPS = 1000;

/** A setting's slider range (settings.ts), with whole numbers where its limit says so. */
export type SliderRange = SettingSlider & { integer?: boolean };

/** The slider position (0 … STEPS) that shows `value`, clamped to the range. */
export function toPosition(value: number, r: SliderRange): number {
  const v = Math.min(r.max, Math.max(r.min, value));
  const t = r.scale === 'log' ? Math.log(v / r.min) / Math.log(r.max / r.min) : (v - r.min) / (r.max - r.min);
  return Math.round((Number.isFinite(t) ? t : 0) * STEPS);
}

/** The value at slider position `p`, rounded to 3 significant digits (integers for integer settings). */
export function fromPosition(p: number, r: SliderRange): number {
  const t = p / STEPS;
  const v = r.scale === 'log' ? r.min * (r.max / r.min) ** t : r.min + t * (r.max - r.min);
  if (r.integer) return Math.round(v);
  return Number(v.toPrecision(3));
}

/** A number as the field shows it: short, no float noise. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

export type Checked = { ok: true; value: number } | { ok: false; message: string };

/** Checks a typed-in value against the setting's limits; the message says what is allowed. */
export function checkTyped(text: string, limit: NumberLimit): Checked {
  const trimmed = text.trim();
  const v = trimmed === '' ? NaN : Number(trimmed);
  const what = limit.integer ? 'a whole number' : 'a number';
  const range = `${what} from ${formatValue(limit.min)} to ${formatValue(limit.max)}`;
  if (!Number.isFinite(v)) return { ok: false, message: `Enter ${range}.` };
  if (v < limit.min || v > limit.max)
    return { ok: false, message: `${formatValue(v)} is out of range: enter ${range}.` };
  if (limit.integer && !Number.isInteger(v)) return { ok: false, message: `Enter ${range}.` };
  return { ok: true, value: v };
}
