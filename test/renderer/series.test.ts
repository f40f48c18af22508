/** The renderer's bookkeeping of epochs: metrics history, plotted series, checkpoints, number format. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../../src/shared/protocol';
import { formatLoss } from '../../src/renderer/src/views/common/format';
import { emptySeries, extendSeries } from '../../src/renderer/src/views/loss-curves/loss-series';
import { CHECKPOINT_INTERVAL_MS, CheckpointKeeper, type Checkpoint } from '../../src/renderer/src/state/checkpoints';
import { appendMetrics, joinTail } from '../../src/renderer/src/state/history';

function epoch(n: number, loss = 100 / n): EpochMetrics {
  return {
    epoch: n,
    loss,
    recon: loss - 1,
    reconConstant: 0,
    kl: 1,
    beta: 1,
    betaKl: 1,
    klPerDim: [0.5, 0.5],
    activeUnits: 2,
    steps: 16,
    ms: 1,
  };
}
const epochs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => epoch(from + i));

describe('appendMetrics', () => {
  it('appends consecutive epochs', () => {
    expect(appendMetrics(epochs(1, 3), epochs(4, 5)).map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replaces what a batch starts again (after a reset or a restore)', () => {
    expect(appendMetrics(epochs(1, 300), epochs(1, 2)).map((m) => m.epoch)).toEqual([1, 2]);
    expect(appendMetrics(epochs(1, 300), epochs(101, 102)).map((m) => m.epoch)).toEqual([
      ...epochs(1, 102).map((m) => m.epoch),
    ]);
  });
});

describe('extendSeries', () => {
  it('appends only the new epochs, in place', () => {
    const series = emptySeries();
    const history = epochs(1, 3);
    expect(extendSeries(series, history)).toBe(true);
    const totals = series.points.loss;
    expect(extendSeries(series, appendMetrics(history, epochs(4, 4)))).toBe(true);
    expect(series.points.loss).toBe(totals);
    expect(totals.map((p) => [p.x, p.y])).toEqual([
      [1, 100],
      [2, 50],
      [3, 100 / 3],
      [4, 25],
    ]);
    expect(series.points.kl.map((p) => p.y)).toEqual([1, 1, 1, 1]);
  });

  it('refuses a history that no longer extends the plot, even one of the same length', () => {
    const series = emptySeries();
    extendSeries(series, epochs(1, 20));
    expect(extendSeries(series, [])).toBe(false);
    expect(extendSeries(series, epochs(1, 30))).toBe(false); // new objects: a new job
    expect(series.points.loss).toHaveLength(20);
  });
});

describe('CheckpointKeeper', () => {
  afterEach(() => vi.useRealTimers());

  const checkpoint = (e: number): Checkpoint => ({
    config: {} as Checkpoint['config'],
    state: { epoch: e } as Checkpoint['state'],
    history: [],
  });

  it('asks while training runs and once more when it stops, as tails; a checkpoint asked for now is whole', () => {
    vi.useFakeTimers();
    let id = 0;
    const asked: number[] = [];
    const tails: boolean[] = [];
    const keeper = new CheckpointKeeper(
      (i, tail) => {
        asked.push(i);
        tails.push(tail);
      },
      () => ++id,
    );
    keeper.follow(true);
    vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS * 2.5);
    expect(asked).toEqual([1, 2]);
    keeper.follow(false);
    expect(asked).toEqual([1, 2, 3]);
    vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS * 3);
    expect(asked).toHaveLength(3);
    void keeper.now();
    expect(tails).toEqual([true, true, true, false]);
  });

  it('joins a tail to the history shown, and refuses a join with a gap', () => {
    const shown = epochs(1, 6);
    const tail = epochs(7, 9);
    expect(joinTail(shown, 6, tail)?.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The page had shown 6 epochs when it asked with historyFrom 4: epochs 5 and 6 come in the tail.
    expect(joinTail(shown, 4, epochs(5, 9))?.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(joinTail(epochs(1, 3), 6, tail)).toBeNull();
  });

  it('ignores answers that were asked for before the job changed', () => {
    let id = 0;
    const keeper = new CheckpointKeeper(
      () => undefined,
      () => ++id,
    );
    const asked = ++id; // a request sent with id 1
    keeper.receive(asked, checkpoint(10));
    expect(keeper.latest?.state.epoch).toBe(10);
    keeper.forget(); // takes id 2
    expect(keeper.latest).toBeNull();
    keeper.receive(asked, checkpoint(20)); // the answer to that request, arriving late
    expect(keeper.latest).toBeNull();
    keeper.receive(3, checkpoint(1));
    expect(keeper.latest?.state.epoch).toBe(1);
  });
});

describe('formatLoss', () => {
  it('shows four significant digits and spells out non-finite values', () => {
    expect([50.7123, 1.6666, 0.29961, 1234.56].map(formatLoss)).toEqual(['50.71', '1.667', '0.2996', '1235']);
    expect([NaN, Infinity, -Infinity].map(formatLoss)).toEqual(['NaN', '∞', '−∞']);
  });
});
