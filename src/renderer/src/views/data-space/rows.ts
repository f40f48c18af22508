import type { DatasetInfo } from '../../../../shared/protocol';

/**
 * Class of training row `row`, looked up among the display rows (ascending indices); −1 when not shown
 * or unlabelled.
 */
export function labelOfRow(dataset: DatasetInfo, row: number): number {
  const { indices, labels } = dataset;
  let lo = 0;
  let hi = indices.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid] === row) return labels[mid];
    if (indices[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
