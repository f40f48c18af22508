import { describe, expect, it } from 'vitest';
import { largestEigenvalue } from '../../src/renderer/src/state/hints';

describe('largestEigenvalue', () => {
  it('matches the closed form of a 2×2 symmetric matrix', () => {
    const [a, b, d] = [3.1, 0.8, 1.2];
    const closed = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
    expect(largestEigenvalue(new Float64Array([a, b, b, d]), 2)).toBeCloseTo(closed, 10);
  });
  it('finds the largest of a diagonal 3×3 matrix', () => {
    expect(largestEigenvalue(new Float64Array([1, 0, 0, 0, 5, 0, 0, 0, 2]), 3)).toBeCloseTo(5, 10);
  });
});
