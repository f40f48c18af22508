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
