/** A linear map from data units to pixels along one axis. */
export interface LinearScale {
  /** Data range shown. */
  min: number;
  max: number;
  /** Pixel range it maps to (may run backwards, as y does on a canvas). */
  from: number;
  to: number;
}

export function toPixel(s: LinearScale, value: number): number {
  return s.from + ((value - s.min) / (s.max - s.min)) * (s.to - s.from);
}

export function fromPixel(s: LinearScale, pixel: number): number {
  return s.min + ((pixel - s.from) / (s.to - s.from)) * (s.max - s.min);
}

/**
 * Round tick values covering [min, max]: steps of 1, 2 or 5 × 10ⁿ, about `count` of them.
 * niceTicks(-2.2, 2.2, 5) → [-2, -1, 0, 1, 2].
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return ticks;
}

/**
 * A square-ish view box around points `[rows × dims]` in dimensions (i, j): the extent of the
 * points and of `include` (e.g. the prior's 2σ circle), padded by `pad` of the span on each side.
 */
export function extentOf(
  values: Float32Array,
  dims: number,
  rows: number,
  d: number,
  include: readonly number[] = [],
  pad = 0.05,
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = values[r * dims + d];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (const v of include) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!Number.isFinite(min)) return { min: -1, max: 1 };
  if (max - min < 1e-9) return { min: min - 1, max: max + 1 };
  const span = max - min;
  return { min: min - pad * span, max: max + pad * span };
}
