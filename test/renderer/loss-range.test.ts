import { describe, expect, it } from 'vitest';
import { addMark, markLabel } from '../../src/renderer/src/state/live-marks';
import { emptySeries, robustRange } from '../../src/renderer/src/views/loss-curves/loss-series';

function seriesOf(total: number[]) {
  const s = emptySeries();
  total.forEach((y, i) => {
    s.points.loss.push({ x: i + 1, y });
    s.points.recon.push({ x: i + 1, y: y * 0.8 });
    s.points.kl.push({ x: i + 1, y: y * 0.1 });
    s.points.betaKl.push({ x: i + 1, y: y * 0.2 });
  });
  return s;
}

describe('robustRange', () => {
  it('leaves epoch 1 and a short spike off the top', () => {
    const total = [111, ...Array.from({ length: 98 }, () => 2), 40];
    const range = robustRange(seriesOf(total));
    expect(range).not.toBeNull();
    expect(range!.min).toBe(0);
    expect(range!.max).toBeGreaterThanOrEqual(2);
    expect(range!.max).toBeLessThan(5);
  });
  it('is null below three epochs', () => {
    expect(robustRange(seriesOf([111, 5]))).toBeNull();
  });
});

describe('addMark', () => {
  it('merges edits of one epoch (a drag) from the value it started at, and drops a drag back', () => {
    let marks = addMark([], 10, { beta: 0.25 }, { beta: 1 });
    marks = addMark(marks, 10, { beta: 1 }, { beta: 5 });
    expect(marks.map(markLabel)).toEqual(['β 0.25 → 5']);
    marks = addMark(marks, 12, { lr: 0.003 }, { lr: 0.01 });
    expect(marks.map((m) => m.epoch)).toEqual([10, 12]);
    expect(addMark(marks, 12, { lr: 0.01 }, { lr: 0.003 }).map(markLabel)).toEqual(['β 0.25 → 5']);
  });
});
