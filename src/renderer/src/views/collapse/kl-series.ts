import type { EpochMetrics } from '../../../../shared/protocol';
import type { Point } from '../../canvas/chart-updates';

/** KL of each latent dimension over epochs, and the active-unit count, as growing arrays. */
export interface KlSeries {
  /** perDim[j] = points (epoch, KL of dimension j + 1). */
  perDim: Point[][];
  active: Point[];
  last: EpochMetrics | null;
}

export function emptyKlSeries(): KlSeries {
  return { perDim: [], active: [], last: null };
}

/**
 * Bring `series` up to `history`, appending in place; false (series untouched) when `history`
 * does not extend what is plotted or the latent size changed — the caller starts again.
 */
export function extendKlSeries(series: KlSeries, history: readonly EpochMetrics[]): boolean {
  const plotted = series.active.length;
  if (plotted > 0 && history[plotted - 1] !== series.last) return false;
  const k = history[0]?.klPerDim.length ?? 0;
  if (plotted > 0 && k !== series.perDim.length) return false;
  while (series.perDim.length < k) series.perDim.push([]);
  for (let i = plotted; i < history.length; i++) {
    const m = history[i];
    for (let j = 0; j < k; j++) series.perDim[j].push({ x: m.epoch, y: m.klPerDim[j] ?? NaN });
    series.active.push({ x: m.epoch, y: m.activeUnits });
  }
  series.last = history.at(-1) ?? null;
  return true;
}
