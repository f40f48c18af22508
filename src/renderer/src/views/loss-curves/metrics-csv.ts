import type { EpochMetrics } from '../../../../shared/protocol';

/** The fixed columns of the metrics export; klPerDim_1 … klPerDim_K follow. */
export const CSV_COLUMNS = ['epoch', 'loss', 'recon', 'kl', 'beta', 'betaKl', 'activeUnits'] as const;

/** A number as CSV text: full precision, non-finite values spelled as JavaScript does (NaN, Infinity). */
function cell(value: number): string {
  return String(value);
}

/**
 * The metric history as CSV, one row per epoch, header first, `\n` line ends:
 * `epoch,loss,recon,kl,beta,betaKl,activeUnits,klPerDim_1,…,klPerDim_K`. K is the widest
 * row's; shorter rows leave the missing dimensions empty.
 */
export function metricsCsv(history: readonly EpochMetrics[]): string {
  const k = history.reduce((max, m) => Math.max(max, m.klPerDim.length), 0);
  const header = [...CSV_COLUMNS, ...Array.from({ length: k }, (_, j) => `klPerDim_${j + 1}`)];
  const lines = [header.join(',')];
  for (const m of history) {
    const fixed = CSV_COLUMNS.map((key) => cell(m[key]));
    const dims = Array.from({ length: k }, (_, j) => (j < m.klPerDim.length ? cell(m.klPerDim[j]) : ''));
    lines.push([...fixed, ...dims].join(','));
  }
  return lines.join('\n') + '\n';
}
