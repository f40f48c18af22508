import { describe, expect, it } from 'vitest';
import { mostActiveDims } from '../../src/renderer/src/state/views-dims';

describe('the latent map’s default dimensions', () => {
  it('are the two whose means vary most, the more active first', () => {
    // 4 points × 4 dims: z1 flat, z2 small spread, z3 widest, z4 medium.
    const means = Float32Array.from([0, 0.1, -3, 1, 0, -0.1, 3, -1, 0, 0.1, -3, 1, 0, -0.1, 3, -1]);
    expect(mostActiveDims(means, 4, 4)).toEqual([2, 3]);
  });
  it('keep z1, z2 when all are alike, and handle a latent of 1', () => {
    expect(mostActiveDims(new Float32Array(12), 3, 4)).toEqual([0, 1]);
    expect(mostActiveDims(new Float32Array(4), 1, 4)).toEqual([0, 0]);
  });
});
