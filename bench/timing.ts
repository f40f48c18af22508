/** What every engine's timing function returns, and the statistics the harness uses. */

/** A timed training run. `msPerEpoch` excludes warm-up; `epochs` is how many were timed. */
export interface EngineTiming {
  msPerEpoch: number;
  epochs: number;
  /** Mean training loss (nats per example) over the last timed epoch. */
  finalLoss: number;
  /** Mean training loss over the first epoch trained (warm-up included), to show it trains. */
  firstLoss?: number;
  /** How msPerEpoch was obtained, in words. */
  method?: string;
  /** The raw timed durations in ms (epochs, or single steps for a fraction of an epoch). */
  timedMs?: number[];
  /** Live tfjs tensors after warm-up and at the end: equal means no leak per step. */
  tensors?: { afterWarmup: number; atEnd: number };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
