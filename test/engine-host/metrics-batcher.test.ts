import { describe, expect, it } from 'vitest';
import { METRICS_INTERVAL_MS, MetricsBatcher } from '../../src/engine-host/metrics-batcher';
import type { EpochMetrics } from '../../src/shared/protocol';

const epoch = (n: number): EpochMetrics => ({
  epoch: n,
  loss: 1,
  recon: 1,
  reconConstant: 0,
  kl: 0,
  beta: 1,
  betaKl: 0,
  klPerDim: [],
  activeUnits: 0,
  steps: 1,
  ms: 1,
});

/** Drives a batcher as the run loop does at a throttled speed: one epoch, then a sleep until the next. */
function throttledRun(epochsPerSecond: number, seconds: number): EpochMetrics[][] {
  const sent: EpochMetrics[][] = [];
  const batcher = new MetricsBatcher((m) => sent.push(m));
  const interval = 1000 / epochsPerSecond;
  for (let n = 1; n * interval <= seconds * 1000; n++) {
    const now = (n - 1) * interval;
    batcher.add(epoch(n));
    batcher.flushBeforeWait(now, interval);
  }
  return sent;
}

describe('metrics batches at throttled speeds', () => {
  it('200 and 50 epochs/s send about one message per interval, not one per epoch, and lose no epoch', () => {
    for (const speed of [200, 50]) {
      const sent = throttledRun(speed, 10);
      const perSecond = sent.length / 10;
      expect(perSecond).toBeLessThanOrEqual(1000 / METRICS_INTERVAL_MS + 1);
      const epochs = sent.flat().map((m) => m.epoch);
      expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
      expect(epochs.length).toBeGreaterThanOrEqual(speed * 10 - Math.ceil(METRICS_INTERVAL_MS / (1000 / speed)));
    }
  });

  it('a page that acks every batch at once still gets at most one message per interval, every epoch in it', () => {
    const sent: EpochMetrics[][] = [];
    const batcher = new MetricsBatcher((m) => sent.push(m));
    let shown = 0;
    let ackAt = Infinity;
    // 200 epochs/s for 2 s; the page acks each batch a frame (16 ms) after it came.
    for (let n = 1; n <= 400; n++) {
      const now = (n - 1) * 5;
      if (now >= ackAt) {
        ackAt = Infinity;
        batcher.ack(now);
      }
      batcher.add(epoch(n));
      batcher.flushBeforeWait(now, 5);
      if (sent.length > shown) {
        shown = sent.length;
        ackAt = now + 16;
      }
    }
    expect(sent.length).toBeLessThanOrEqual(2 * (1000 / METRICS_INTERVAL_MS) + 1);
    const epochs = sent.flat().map((m) => m.epoch);
    expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
    expect(epochs.length).toBeGreaterThanOrEqual(400 - METRICS_INTERVAL_MS / 5);
  });

  it('slow speeds send every epoch before the sleep after it', () => {
    const sent = throttledRun(5, 4);
    expect(sent.map((b) => b.map((m) => m.epoch))).toEqual(Array.from({ length: 20 }, (_, i) => [i + 1]));
  });
});
