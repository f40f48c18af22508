import { describe, expect, it } from 'vitest';
import { canvasFont, scaled, scaledPad, textScale } from '../../src/renderer/src/canvas/text-scale';

describe('canvas text scale outside a page (the draw tests, the CLI)', () => {
  it('is 1, so fonts and margins are the sizes they were chosen at', () => {
    expect(textScale()).toBe(1);
    expect(canvasFont(11)).toBe('11px system-ui, sans-serif');
    expect(canvasFont(12, 'bold')).toBe('bold 12px system-ui, sans-serif');
    expect(scaled(14)).toBe(14);
    const pad = scaledPad({ left: 40, bottom: 30 });
    expect({ ...pad }).toEqual({ left: 40, bottom: 30 });
  });
});
