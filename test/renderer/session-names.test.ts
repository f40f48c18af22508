import { describe, expect, it } from 'vitest';
import { settingLabel, settingRows } from '../../src/renderer/src/sessions/settings-table';
import { uniqueName } from '../../src/renderer/src/state/session-names';
import { presetConfig } from '../../src/renderer/src/state/presets';

describe('session names', () => {
  it('a free name stays; a taken one gets the next free number', () => {
    expect(uniqueName('pinwheel β=0.25', ['moons β=1'])).toBe('pinwheel β=0.25');
    expect(uniqueName('pinwheel β=0.25', ['pinwheel β=0.25'])).toBe('pinwheel β=0.25 (2)');
    expect(uniqueName('a', ['a', 'a (2)', 'a (3)'])).toBe('a (4)');
  });
});

describe('the compare table', () => {
  it('labels each setting as the panels do', () => {
    expect(settingLabel('train.varianceFloor')).toBe('Variance floor');
    expect(settingLabel('train.beta')).toBe('β (KL weight)');
    expect(settingLabel('train.warmup')).toBe('KL warm-up (epochs)');
    const rows = settingRows([presetConfig('lecture'), presetConfig('lecture')]);
    expect(rows.every((r) => !/^(train|model|dataset)\./.test(r.label))).toBe(true);
  });
});
