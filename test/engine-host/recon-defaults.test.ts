import { describe, expect, it } from 'vitest';
import { reconDefaults } from '../../src/engine-host/job';
import { RECON_DEFAULT, RECON_LIMIT } from '../../src/shared/protocol';

describe('the rows reconstructed by default', () => {
  it('are one of each class first (in class order), even where the shown rows are mostly one class', () => {
    // Rows 0–6 are 0s, row 7 a 3, rows 8–17 the digits 9 … 0 again.
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 3, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const shown = Uint32Array.from({ length: 18 }, (_, i) => i);
    const rows = Array.from(reconDefaults(shown, labels));
    expect(rows.map((r) => labels[r])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.length).toBeLessThanOrEqual(RECON_LIMIT);
  });
  it('are topped up to the default count with other rows, all distinct', () => {
    const labels = Int32Array.from({ length: 100 }, (_, i) => i % 3);
    const shown = Uint32Array.from({ length: 100 }, (_, i) => i);
    const rows = Array.from(reconDefaults(shown, labels));
    expect(rows).toHaveLength(RECON_DEFAULT);
    expect(rows.slice(0, 3).map((r) => labels[r])).toEqual([0, 1, 2]);
    expect(new Set(rows).size).toBe(rows.length);
  });
});
