import { describe, expect, it } from 'vitest';
import { logSpaced, sweepPoints, sweepSize, validateSweep } from '../../src/shared/sweep';

describe('sweep definition', () => {
  it('log-spaced values keep their ends and have equal ratios', () => {
    const xs = logSpaced(0.01, 16, 6);
    expect(xs[0]).toBe(0.01);
    expect(xs[5]).toBe(16);
    for (let i = 1; i < 5; i++) expect(Math.log(xs[i] / xs[i - 1])).toBeCloseTo(Math.log(1600) / 5, 4);
  });

  it('expands a grid with seeds, first setting slowest', () => {
    const d = validateSweep({ param: 'beta', values: [0.1, 1], param2: 'latent', values2: [1, 2, 3], seeds: [4, 5] });
    expect(sweepSize(d)).toBe(12);
    const points = sweepPoints(d);
    expect(points[0].values).toEqual({ beta: 0.1, latent: 1, seed: 4 });
    expect(points[1].values).toEqual({ beta: 0.1, latent: 1, seed: 5 });
    expect(points[11].values).toEqual({ beta: 1, latent: 3, seed: 5 });
  });

  it('refuses more than 64 runs and values outside the settings limits', () => {
    const many = Array.from({ length: 9 }, (_, i) => i + 1);
    expect(() => validateSweep({ param: 'seed', values: many, param2: 'warmup', values2: many })).toThrow(
      /81 runs; a sweep has at most 64/,
    );
    expect(() => validateSweep({ param: 'beta', values: [-1] })).toThrow(
      /definition\.values: every value of --beta must be from/,
    );
    expect(() => validateSweep({ param: 'beta', values: [1], values2: [2] })).toThrow(/definition\.values2/);
    expect(() => validateSweep({ param: 'colour', values: [1] })).toThrow(/definition\.param: expected one of/);
  });
});
