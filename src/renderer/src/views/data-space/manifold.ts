import type { DatasetInfo, Snapshot } from '../../../../shared/protocol';
import { downloadText } from '../../canvas/export-file';

export const MANIFOLD_CAPTION =
  'The mesh is the latent grid (lines through normal quantiles, equal prior mass between them) pushed through the decoder mean: where it bunches up, the decoder spends more prior mass; where it misses the data, samples will too.';

/** The manifold's points as CSV: line, point along it, then the decoded coordinates. */
export function manifoldCsv(m: NonNullable<Snapshot['manifold']>, dim: number, columns: readonly string[]): string {
  const names = Array.from({ length: dim }, (_, j) => columns[j] ?? `x${j + 1}`);
  const rows = [['line', 'point', ...names].join(',')];
  const lines = Math.floor(m.mean.length / Math.max(1, m.points * dim));
  for (let l = 0; l < lines; l++) {
    for (let p = 0; p < m.points; p++) {
      const o = (l * m.points + p) * dim;
      rows.push([l + 1, p + 1, ...Array.from(m.mean.subarray(o, o + dim))].join(','));
    }
  }
  return rows.join('\n') + '\n';
}

export function exportManifold(snapshot: Snapshot, dataset: DatasetInfo | null): void {
  if (!snapshot.manifold) return;
  downloadText(manifoldCsv(snapshot.manifold, snapshot.dim, dataset?.columns ?? []), 'vae-lab-manifold.csv');
}
