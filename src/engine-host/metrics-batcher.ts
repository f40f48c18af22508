import type { EpochMetrics } from '../shared/protocol';

/** At most one metrics message per this many ms (≈ 30 a second). */
export const METRICS_INTERVAL_MS = 33;

/**
 * Collects every epoch's metrics and hands them out in batches: none is ever dropped,
 * but a fast run sends one message per screen refresh rather than one per epoch.
 */
export class MetricsBatcher {
  private pending: EpochMetrics[] = [];
  private lastFlush = -Infinity;

  constructor(private readonly send: (metrics: EpochMetrics[]) => void) {}

  add(m: EpochMetrics): void {
    this.pending.push(m);
  }

  /** Sends the pending batch if the interval has passed since the last one. */
  flushIfDue(now: number): void {
    if (now - this.lastFlush >= METRICS_INTERVAL_MS) this.flush(now);
  }

  /** Sends the pending batch now (before any status change, so metrics never trail it). */
  flush(now: number): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = now;
    this.send(batch);
  }
}
