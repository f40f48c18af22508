import type { EpochMetrics } from '../../../../shared/protocol';
import type { Point } from '../../canvas/chart-updates';

export const LOSS_KEYS = ['loss', 'recon', 'kl', 'betaKl'] as const;
export type LossKey = (typeof LOSS_KEYS)[number];
export const LOSS_LABELS: Record<LossKey, string> = {
  loss: 'total',
  recon: 'reconstruction',
  kl: 'KL',
  betaKl: 'β·KL',
};

/** The curves as growing arrays; chart.js draws these very arrays (no copy per update). */
export interface LossSeries {
  points: Record<LossKey, Point[]>;
  /** The history entry plotted last: a history that still holds it at that place extends the plot. */
  last: EpochMetrics | null;
}

export function emptySeries(): LossSeries {
  return { points: { loss: [], recon: [], kl: [], betaKl: [] }, last: null };
}

/**
 * Bring `series` up to `history`, appending in place. Returns false, leaving `series` alone,
 * when `history` does not extend what is plotted (a reset, a new job, a restore): the caller
 * then starts again from empty series.
 */
export function extendSeries(series: LossSeries, history: readonly EpochMetrics[]): boolean {
  const plotted = series.points.loss.length;
  if (plotted > 0 && history[plotted - 1] !== series.last) return false;
  for (let i = plotted; i < history.length; i++) {
    const m = history[i];
    for (const key of LOSS_KEYS) series.points[key].push({ x: m.epoch, y: m[key] });
  }
  series.last = history.at(-1) ?? null;
  return true;
}

/** The share of the run, from its start, left out of the robust range (epoch 1's loss is far above the rest). */
const SKIP_SHARE = 0.1;
/** The quantile of the kept values that sets the top, so a few spiking epochs (a β change) run off it. */
const TOP_QUANTILE = 0.95;

/**
 * A linear y-range that shows the run rather than its first epoch: from the values after the first
 * epoch (and the first tenth of the run), the top is their 95th percentile plus a margin, the bottom 0
 * or their minimum when below 0. Values above run off the top; null while there are too few epochs.
 */
export function robustRange(series: LossSeries): { min: number; max: number } | null {
  const n = series.points.loss.length;
  if (n < 3) return null;
  const from = Math.max(1, Math.floor(n * SKIP_SHARE));
  // A typed array sorts numerically without a comparator: several times faster on long runs.
  const values = new Float64Array(LOSS_KEYS.length * (n - from));
  let count = 0;
  for (const key of LOSS_KEYS)
    for (let i = from; i < n; i++) {
      const y = series.points[key][i].y;
      if (Number.isFinite(y)) values[count++] = y;
    }
  if (count === 0) return null;
  const finite = values.subarray(0, count).sort();
  const top = finite[Math.min(finite.length - 1, Math.floor(TOP_QUANTILE * (finite.length - 1)))];
  const low = Math.min(0, finite[0]);
  const span = top - low || Math.abs(top) || 1;
  return { min: low < 0 ? low - 0.05 * span : 0, max: top + 0.1 * span };
}
