import type { EpochMetrics } from '../../../shared/protocol';

/**
 * `history` with `batch` appended. Epochs are consecutive; a batch that starts at or before
 * the last known epoch (after a reset or a restore) replaces everything from its first epoch on.
 */
export function appendMetrics(history: readonly EpochMetrics[], batch: readonly EpochMetrics[]): EpochMetrics[] {
  if (batch.length === 0) return [...history];
  const first = batch[0].epoch;
  const last = history.at(-1)?.epoch ?? 0;
  const kept = first > last ? history : history.filter((m) => m.epoch < first);
  return [...kept, ...batch];
}

/**
 * The whole history of a checkpoint whose `tail` starts after epoch `from`: `shown`'s epochs up to
 * `from`, then the tail. Null when they do not make epochs 1, 2, … in order (the page missed some).
 */
export function joinTail(
  shown: readonly EpochMetrics[],
  from: number,
  tail: readonly EpochMetrics[],
): EpochMetrics[] | null {
  const head = shown.filter((m) => m.epoch <= from);
  const joined = [...head, ...tail];
  return joined.every((m, i) => m.epoch === i + 1) ? joined : null;
}
