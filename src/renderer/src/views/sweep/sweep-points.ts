/**
 * The numbers the sweep views draw, apart from drawing: each run's swept value and colour, its
 * final (R, D) point, the empirical frontier of the final points. Pure.
 */
import { ratePoint, type RatePoint } from '../../../../shared/linear-gaussian';
import { LOG_SWEEP_FLAGS, type SweepDefinition, type SweepFlag } from '../../../../shared/sweep';
import type { SweepRunState } from '../../state/sweep-runs.svelte';

/** Dark violet → teal → yellow (viridis' ends and middle), light enough on both themes to read. */
const RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

function mix(a: string, b: string, t: number): string {
  const c = (s: string, i: number) => parseInt(s.slice(1 + 2 * i, 3 + 2 * i), 16);
  const hex = (i: number) =>
    Math.round(c(a, i) + (c(b, i) - c(a, i)) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** Where `value` lies in `values` (log scale for β and σ²), 0…1. */
export function valuePosition(flag: SweepFlag, values: readonly number[], value: number): number {
  const f = LOG_SWEEP_FLAGS.includes(flag) ? Math.log : (x: number) => x;
  const lo = Math.min(...values.map(f));
  const hi = Math.max(...values.map(f));
  return hi > lo ? (f(value) - lo) / (hi - lo) : 0.5;
}

/** The ramp's colour at position t (0…1). */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  return mix(RAMP[i], RAMP[i + 1], x - i);
}

export function runColor(def: SweepDefinition, run: { values: SweepRunState['values'] }): string {
  return rampColor(valuePosition(def.param, def.values, run.values[def.param] ?? def.values[0]));
}

/** A run's final (R, D): the whole-dataset figures once it has them, else its latest training averages. */
export function finalPoint(run: Pick<SweepRunState, 'figures' | 'history'>): RatePoint | null {
  const f = run.figures;
  const last = run.history.at(-1);
  if (f) return { epoch: last?.epoch ?? 0, rate: f.rate, distortion: f.distortion };
  return last ? ratePoint(last) : null;
}

/**
 * The empirical frontier: the points no other point beats in both rate and distortion, by
 * ascending rate (so distortion falls along it).
 */
export function frontier(points: readonly RatePoint[]): RatePoint[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.rate) && Number.isFinite(p.distortion))
    .sort((a, b) => a.rate - b.rate || a.distortion - b.distortion);
  const out: RatePoint[] = [];
  for (const p of sorted) if (out.length === 0 || p.distortion < out[out.length - 1].distortion) out.push(p);
  return out;
}
