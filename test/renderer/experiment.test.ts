import { describe, expect, it } from 'vitest';
import { LECTURE_PRESET, MNIST_PRESET, cloneConfig } from '../../src/shared/config';
import { matchingPreset } from '../../src/renderer/src/state/presets';
import {
  liveChanges,
  resetQuestion,
  structuralChanges,
  withDataset,
  withModel,
  withTrain,
} from '../../src/renderer/src/state/experiment';
import { checkTyped, fromPosition, toPosition } from '../../src/renderer/src/controls/sidebar/slider-scale';

describe('experiment edits', () => {
  const base = cloneConfig(LECTURE_PRESET);
  it('live settings are not structural and come out as a setLive change', () => {
    const next = withTrain(base, { beta: 1000, lr: 1e-3 });
    expect(structuralChanges(base, next)).toEqual([]);
    expect(liveChanges(base, next)).toEqual({ beta: 1000, lr: 1e-3 });
  });
  it('structural settings are named in the reset question', () => {
    const next = withModel(base, { latent: 3 });
    expect(structuralChanges(base, next)).toEqual(['the latent size']);
    expect(resetQuestion(structuralChanges(base, next))).toBe(
      'Changing the latent size starts training again from epoch 0. Continue?',
    );
    expect(structuralChanges(base, withDataset(base, { kind: 'moons', params: { perClass: 10 } }))).toEqual([
      'the dataset',
    ]);
    expect(structuralChanges(base, withTrain(base, { batchSize: 32 }))).toEqual(['the batch size']);
  });
});

describe('slider scale', () => {
  const beta = { min: 0.001, max: 1000, scale: 'log' as const };
  it('the log β slider reaches 0.001 and 1000 at its ends and 1 in the middle', () => {
    expect(fromPosition(0, beta)).toBe(0.001);
    expect(fromPosition(1000, beta)).toBe(1000);
    expect(fromPosition(500, beta)).toBe(1);
    expect(toPosition(0.25, beta)).toBe(400);
  });
  it('typed values are checked against the limits', () => {
    expect(checkTyped('5000', { min: 0, max: 1000 })).toEqual({
      ok: false,
      message: '5000 is out of range: enter a number from 0 to 1000.',
    });
    expect(checkTyped('2.5', { min: 1, max: 64, integer: true })).toEqual({
      ok: false,
      message: 'Enter a whole number from 1 to 64.',
    });
    expect(checkTyped(' 3 ', { min: 1, max: 64, integer: true })).toEqual({ ok: true, value: 3 });
  });
});

describe('the preset shown', () => {
  it('is the preset every setting matches, and none ("Custom") once one setting leaves it', () => {
    const lecture = cloneConfig(LECTURE_PRESET);
    expect(matchingPreset(lecture)).toBe('lecture');
    expect(matchingPreset(cloneConfig(MNIST_PRESET))).toBe('mnist');
    expect(matchingPreset(withTrain(lecture, { beta: 0.5 }))).toBeNull();
    expect(matchingPreset(withDataset(lecture, { kind: 'moons', params: {} }))).toBeNull();
    expect(matchingPreset(withDataset(lecture, { params: { ...lecture.dataset.params, perClass: 799 } }))).toBeNull();
    expect(matchingPreset(withTrain(withTrain(lecture, { beta: 0.5 }), { beta: 0.25 }))).toBe('lecture');
  });
});
