/** The sweep's table of final metrics: its columns, sorting and CSV. Pure. */
import type { SweepFlag } from '../../../../shared/sweep';
import type { RunFigures, RunPhase } from '../../state/sweep-runs.svelte';

export interface TableRun {
  index: number;
  values: Partial<Record<SweepFlag, number>>;
  phase: RunPhase;
  epoch: number;
  message: string | null;
  figures: RunFigures | null;
}

export const METRIC_COLUMNS = [
  { key: 'negElbo', label: '−ELBO' },
  { key: 'recon', label: 'recon' },
  { key: 'kl', label: 'KL' },
  { key: 'activeUnits', label: 'active units' },
  { key: 'mutualInfo', label: 'I(x;z)' },
  { key: 'negLogPx', label: '−log p(x)' },
] as const;
export type MetricKey = (typeof METRIC_COLUMNS)[number]['key'];
export type SortKey = 'run' | SweepFlag | MetricKey | 'status';

/** A table cell: its value, its standard error (Monte-Carlo figures) and, for −log p(x), how it was had. */
export interface MetricCell {
  value: number;
  se: number | null;
  /** `exact` (by quadrature) or `−L_k` (the importance-weighted estimate); null for other columns. */
  method: string | null;
}

/** The cell of `key` of a run's figures, or null when the run has no such figure. */
export function metricCell(f: RunFigures | null, key: MetricKey): MetricCell | null {
  if (f === null) return null;
  switch (key) {
    case 'negElbo':
    case 'recon':
    case 'mutualInfo':
      return { value: f[key], se: f.se?.[key] ?? null, method: null };
    case 'kl':
    case 'activeUnits':
      return { value: f[key], se: null, method: null };
    case 'negLogPx': {
      const l = f.likelihood;
      if (l === null) return null;
      // An exact figure over every example has no sampling error; over a random subset it has one.
      return l.method === 'exact'
        ? { value: l.negLogPx, se: l.se > 0 ? l.se : null, method: 'exact' }
        : { value: l.negLogPx, se: l.se, method: `−L_${l.k}` };
    }
  }
}

function cell(r: TableRun, key: SortKey): number | string | null {
  if (key === 'run') return r.index + 1;
  if (key === 'status') return r.phase;
  if (METRIC_COLUMNS.some((c) => c.key === key)) return metricCell(r.figures, key as MetricKey)?.value ?? null;
  return r.values[key as SweepFlag] ?? null;
}

/** Sorted by `key`; runs without a value go last whichever the direction. */
export function sortRuns<T extends TableRun>(runs: readonly T[], key: SortKey, ascending: boolean): T[] {
  return [...runs].sort((a, b) => {
    const x = cell(a, key);
    const y = cell(b, key);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (ascending ? c : -c) || a.index - b.index;
  });
}

const csvCell = (x: unknown) =>
  x === null || x === undefined ? '' : /[",\n]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x);

/** One row per run in sweep order, with its swept values, status and final figures. */
export function sweepCsv(flags: readonly SweepFlag[], runs: readonly TableRun[]): string {
  const k = Math.max(0, ...runs.map((r) => r.figures?.klPerDim.length ?? 0));
  const head = [
    'run',
    ...flags,
    'status',
    'epochs',
    'neg_elbo',
    'recon',
    'kl',
    'active_units',
    'neg_elbo_se',
    'recon_se',
    'mutual_info',
    'mutual_info_se',
    'neg_log_px',
    'neg_log_px_se',
    'neg_log_px_method',
    'rate',
    'distortion',
    ...Array.from({ length: k }, (_, j) => `kl_dim${j + 1}`),
    'message',
  ];
  const rows = [...runs]
    .sort((a, b) => a.index - b.index)
    .map((r) => {
      const f = r.figures;
      return [
        r.index + 1,
        ...flags.map((fl) => r.values[fl]),
        r.phase,
        r.epoch,
        f?.negElbo,
        f?.recon,
        f?.kl,
        f?.activeUnits,
        f?.se?.negElbo,
        f?.se?.recon,
        f?.mutualInfo,
        f?.se?.mutualInfo,
        f?.likelihood?.negLogPx,
        f?.likelihood?.se,
        f?.likelihood && (f.likelihood.method === 'exact' ? 'exact' : `iwae_k${f.likelihood.k}`),
        f?.rate,
        f?.distortion,
        ...Array.from({ length: k }, (_, j) => f?.klPerDim[j]),
        r.message,
      ]
        .map(csvCell)
        .join(',');
    });
  return [head.join(','), ...rows].join('\n') + '\n';
}
