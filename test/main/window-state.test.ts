import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, sanitizeWindowState } from '../../src/main/window-state';

const ONE_SCREEN = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('sanitizeWindowState', () => {
  it('keeps a saved state that fits a display', () => {
    expect(sanitizeWindowState({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, ONE_SCREEN)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('falls back to defaults for missing or wrong values', () => {
    expect(sanitizeWindowState(undefined, ONE_SCREEN)).toEqual(DEFAULT_WINDOW_STATE);
    expect(sanitizeWindowState('junk', ONE_SCREEN)).toEqual(DEFAULT_WINDOW_STATE);
    expect(sanitizeWindowState({ width: 'wide', height: Number.NaN, maximized: 'yes' }, ONE_SCREEN)).toEqual(
      DEFAULT_WINDOW_STATE,
    );
  });

  it('enforces the minimum size', () => {
    expect(sanitizeWindowState({ width: 10, height: 10 }, ONE_SCREEN)).toEqual({
      width: 800,
      height: 560,
      maximized: false,
    });
  });

  it('drops a position that is off every display', () => {
    const state = sanitizeWindowState({ x: 3000, y: 100, width: 1000, height: 700 }, ONE_SCREEN);
    expect(state).toEqual({ width: 1000, height: 700, maximized: false });
    const twoScreens = [...ONE_SCREEN, { x: 1920, y: 0, width: 1920, height: 1080 }];
    expect(sanitizeWindowState({ x: 3000, y: 100, width: 1000, height: 700 }, twoScreens).x).toBe(3000);
  });
});
