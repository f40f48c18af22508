import type { EpochMetrics } from '../shared/protocol';

/**
 * At most one metrics message per this many ms (10 a second): the epoch counter and the curves
 * still read as live, and each message costs the page an update, layout and paint of every
 * number it changes (at 30 a second that was a third of the main thread while training fast).
 */
export const METRICS_INTERVAL_MS = 100;

/**
 * Collects every epoch's metrics and hands them out in batches: none is ever dropped,
 * but a fast run sends one message per screen refresh rather than one per epoch.
 */
export class MetricsBatcher {
  private pending: EpochMetrics[] = [];
  private lastFlush = -Infinity;
  /** Flow control: on once the client acks, then one batch at most is in flight. */
  private acking = false;
  private inFlight = false;

  constructor(private readonly send: (metrics: EpochMetrics[]) => void) {}

  add(m: EpochMetrics): void {
    this.pending.push(m);
  }

  /** Sends the pending batch if the interval has passed since the last one and none is in flight. */
  flushIfDue(now: number): void {
    if (now - this.lastFlush >= METRICS_INTERVAL_MS && !(this.acking && this.inFlight)) this.flush(now);
  }

  /**
   * The client has shown the last batch: the next may go, at once if epochs are waiting and the
   * interval has passed (else the run loop sends it when it is due, so a page that acks every
   * frame still gets at most one message per interval).
   */
  ack(now: number): void {
    this.acking = true;
    this.inFlight = false;
    this.flushIfDue(now);
  }

  /**
   * Before sleeping `waitMs` until the next epoch (a throttled speed): sends the batch when it is
   * due, or when the sleep is a whole interval or longer, so a slow run shows each epoch at once
   * and a run at 50 or 200 epochs/s still sends one message per interval, not one per epoch.
   */
  flushBeforeWait(now: number, waitMs: number): void {
    if (waitMs >= METRICS_INTERVAL_MS && !(this.acking && this.inFlight)) this.flush(now);
    else this.flushIfDue(now);
  }

  /** Sends the pending batch now, in flight or not (before any status change, so metrics never trail it). */
  flush(now: number): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = now;
    this.inFlight = true;
    this.send(batch);
  }
}
