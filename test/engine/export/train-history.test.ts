import { describe, expect, it } from 'vitest';
import { mergeTrainHistory, parseTrainHistory } from '../../../src/engine/export/train-history';
import type { EpochMetrics } from '../../../src/shared/protocol';

const row = (epoch: number, extra: Record<string, unknown> = {}) => ({
  epoch,
  loss: 3,
  recon: 2,
  reconConstant: 0,
  kl: 1,
  beta: 1,
  betaKl: 1,
  klPerDim: [0.5, 0.5],
  activeUnits: 2,
  steps: 4,
  ms: 10,
  ...extra,
});
const text = (history: unknown[], startEpoch = 2) => JSON.stringify({ startEpoch, world: 2, history });

describe('train.py history.json', () => {
  it('reads the epochs and appends them to the session history up to its epoch', () => {
    const h = parseTrainHistory(text([row(3), row(4)]), 2);
    expect(h.world).toBe(2);
    const session = [row(1), row(2)] as EpochMetrics[];
    expect(mergeTrainHistory(session, 2, h).map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a bad field, naming it, and a history of another export', () => {
    expect(() => parseTrainHistory(text([row(3, { loss: 'x' })]), 2)).toThrow(
      'history[0].loss: must be a finite number (got "x")',
    );
    expect(() => parseTrainHistory(text([row(3, { klPerDim: [1] })]), 2)).toThrow(
      'history[0].klPerDim: must list 2 numbers',
    );
    expect(() => parseTrainHistory(text([row(4)]), 2)).toThrow('history[0].epoch: expected 3');
    expect(() => parseTrainHistory('{', 2)).toThrow('not JSON');
    expect(() => mergeTrainHistory([], 5, parseTrainHistory(text([row(3)]), 2))).toThrow(
      'startEpoch: 2, but the exported session is at epoch 5',
    );
  });
});
