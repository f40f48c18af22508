import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/engine/normal-quantile';

/** Φ⁻¹(p) to full double precision (scipy.stats.norm.ppf). */
const KNOWN: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965322],
  [1e-10, -6.361340902404056],
  [1e-5, -4.264890793922825],
  [0.001, -3.090232306167813],
  [0.02, -2.053748910631823],
  [0.02425, -1.972961051311885],
  [0.025, -1.9599639845400545],
  [0.1, -1.2815515655446004],
  [0.3, -0.5244005127080409],
  [0.7, 0.5244005127080407],
  [0.9, 1.2815515655446004],
  [0.975, 1.959963984540054],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
];

describe('normalQuantile (Acklam)', () => {
  it('matches known quantiles to the stated relative error 1.15e-9', () => {
    for (const [p, z] of KNOWN) {
      expect(Math.abs(normalQuantile(p) - z) / Math.abs(z), `p = ${p}`).toBeLessThan(1.2e-9);
    }
  });

  it('is 0 at ½, odd about ½, and infinite at the ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [1e-8, 0.01, 0.2, 0.45]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 7);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it('is increasing, continuous across the region boundaries', () => {
    let previous = -Infinity;
    for (let i = 1; i < 2000; i++) {
      const z = normalQuantile(i / 2000);
      expect(z).toBeGreaterThan(previous);
      previous = z;
    }
    const eps = 1e-12;
    expect(Math.abs(normalQuantile(0.02425 - eps) - normalQuantile(0.02425 + eps))).toBeLessThan(1e-8);
  });
});
