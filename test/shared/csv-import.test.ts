import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../../src/shared/csv-parse';
import { previewCsv } from '../../src/shared/csv-preview';
import { csvOptions, csvParams } from '../../src/shared/csv-params';
import { prepareData } from '../../src/engine/datasets';
import { bernoulliProblem } from '../../src/engine/datasets';
import { defaultsOf, DATASET_SETTINGS } from '../../src/shared/settings';

function refusal(text: string, options = {}): CsvError {
  try {
    parseCsv(text, options);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('parseCsv accepted the file');
}

/** A headerless file whose first column holds class names c0, c1, c2. */
const LABELLED = Array.from({ length: 30 }, (_, i) => `c${i % 3},${(i % 7) - 3},${i / 10}`).join('\n');

describe('every bad cell is reported, with its row and column name', () => {
  it('lists each bad cell in file order, short rows included', () => {
    const e = refusal('x,y,z\n1,2,3\n4,abc,6\n7,8\n,9,1e39\n');
    expect(e.total).toBe(4);
    expect(e.problems.map((p) => p.message)).toEqual([
      'row 3, column 2 ("y"): "abc" is not a number',
      'row 4, column 3 ("z"): this row has 2 cells but row 1 has 3',
      'row 5, column 1 ("x"): empty cell, expected a number',
      'row 5, column 3 ("z"): "1e39" is too large (32-bit floats reach ±3.4e38)',
    ]);
    expect(e.message.split('\n')).toEqual(['4 problems in the file:', ...e.problems.map((p) => `  ${p.message}`)]);
    expect([e.row, e.column, e.columnName]).toEqual([3, 2, 'y']);
  });

  it('lists the first 20 and counts the rest', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},bad${i}`);
    const e = refusal(['a,b', ...rows].join('\n'));
    expect(e.total).toBe(50);
    expect(e.problems).toHaveLength(20);
    expect(e.problems[19].message).toBe('row 21, column 2 ("b"): "bad19" is not a number');
    expect(e.message.split('\n').at(-1)).toBe('  … and 30 more');
    expect(refusal(['a,b', ...rows].join('\n'), { maxProblems: 3 }).problems).toHaveLength(3);
  });

  it('a problem that stops the reading (an unclosed quote) comes after the cells before it', () => {
    const e = refusal('a,b\n1,x\n2,"3\n4,5\n');
    expect(e.problems.map((p) => p.message)).toEqual([
      'row 2, column 2 ("b"): "x" is not a number',
      'row 3, column 2 ("b"): a quoted cell is never closed (missing ")',
    ]);
  });
});

describe('text label columns', () => {
  it('a first row of class names and numbers is data, not a header; without a label it is refused cell by cell', () => {
    const e = refusal(LABELLED);
    expect(e.total).toBe(30);
    expect(e.problems[0].message).toBe('row 1, column 1: "c0" is not a number');
  });

  it('the preview finds the text column, and choosing it as the label reads every row', () => {
    const preview = previewCsv(LABELLED);
    expect(preview.header).toBe(false);
    expect(preview.dataRows).toBe(30);
    expect(preview.rows).toHaveLength(8);
    expect(preview.rows[0]).toEqual(['c0', '-3', '0']);
    expect(preview.columns.map((c) => [c.name, c.text, c.role])).toEqual([
      ['column 1', true, 'feature'],
      ['column 2', false, 'feature'],
      ['column 3', false, 'feature'],
    ]);
    const params = csvParams({ header: 'auto', delimiter: 'auto', label: 0, ignored: [] }, false, []);
    expect(params.label).toBe('1');
    expect(previewCsv(LABELLED, csvOptions(params)).columns.map((c) => c.role)).toEqual([
      'label',
      'feature',
      'feature',
    ]);
    const table = parseCsv(LABELLED, csvOptions(params));
    expect(table.n).toBe(30);
    expect(table.classNames).toEqual(['c0', 'c1', 'c2']);
    expect(table.columns).toEqual(['column 2', 'column 3']);
  });

  it('ignored columns are left out unchecked; with a header they are named', () => {
    const text = 'id,kind,x,y\nA-1,cat,1,2\nB-2,dog,3,4\nC-3,cat,5,6\n';
    const preview = previewCsv(text);
    expect(preview.header).toBe(true);
    expect(preview.columns.filter((c) => c.text).map((c) => c.name)).toEqual(['id', 'kind']);
    const params = csvParams({ header: 'auto', delimiter: 'comma', label: 1, ignored: [0] }, true, [
      'id',
      'kind',
      'x',
      'y',
    ]);
    expect(params).toEqual({ label: 'kind', header: 'auto', delimiter: 'comma', ignore: 'id' });
    const table = parseCsv(text, csvOptions(params));
    expect(table.columns).toEqual(['x', 'y']);
    expect(Array.from(table.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(table.classNames).toEqual(['cat', 'dog']);
    expect(() => parseCsv(text, { label: 'kind', ignore: ['kind'] })).toThrow('is both the label column and ignored');
  });

  it('a chosen delimiter overrides the guess', () => {
    const text = 'a,b;c\n1,2;3\n4,5;6\n';
    expect(previewCsv(text).columns.map((c) => c.name)).toEqual(['a', 'b;c']);
    expect(previewCsv(text, { delimiter: ';' }).columns.map((c) => c.name)).toEqual(['a,b', 'c']);
    expect(() => parseCsv(text, { delimiter: ';' })).toThrow('"1,2" is not a number');
  });
});

describe('scale to [0, 1]', () => {
  const spec = (scaleToUnit: boolean, standardize = false) => ({
    ...defaultsOf(DATASET_SETTINGS),
    kind: 'pinwheel' as const,
    params: { classes: 3, perClass: 100 },
    validation: 0.2,
    scaleToUnit,
    standardize,
  });

  it('maps every column, validation included, onto exactly [0, 1], and a Bernoulli decoder then fits', () => {
    const raw = prepareData(spec(false));
    expect(bernoulliProblem(raw)).toMatch(/needs data in \[0, 1\]; column "x" spans/);
    const p = prepareData(spec(true));
    expect(p.scaling).toBe('unit');
    for (let j = 0; j < 2; j++) {
      const column = [p.train, p.validation].flatMap((d) => Array.from(d.x).filter((_, k) => k % 2 === j));
      expect(Math.min(...column)).toBe(0);
      expect(Math.max(...column)).toBe(1);
    }
    expect(bernoulliProblem(p)).toBeNull();
    // The same rows, moved by the per-column affine map: x' = (x − min) / (max − min).
    const { mean: min, std: range } = p.transform!;
    const i = 5;
    for (let j = 0; j < 2; j++)
      expect(p.train.x[i * 2 + j]).toBeCloseTo((raw.train.x[i * 2 + j] - min[j]) / range[j], 5);
  });

  it('is refused with standardising and on MNIST', () => {
    expect(() => prepareData(spec(true, true))).toThrow('standardising and scaling to [0, 1] exclude each other');
  });
});
