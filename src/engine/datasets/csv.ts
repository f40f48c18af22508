/** Numeric CSV files as datasets, with strict checks and errors that point at the cell. */
import type { Dataset } from './dataset';
import { CsvError, csvRecords, detectDelimiter, type CsvRecord } from './csv-records';

export { CsvError } from './csv-records';

export interface CsvOptions {
  /** The class-label column: its header name, or its 1-based number. */
  label?: string | number;
  /** Whether the first row holds names; 'auto' (default) says yes when it holds text. */
  header?: boolean | 'auto';
  /** Most data rows accepted (the header not counted). */
  maxRows?: number;
  /** Most columns accepted, the label column included. */
  maxColumns?: number;
}

/** A decimal number literal: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;
const MIN_ROWS = 2;

/** A cell as a message quotes it: long ones cut. */
const quoted = (cell: string): string => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

/** Starts a spreadsheet runs as a formula. In number cells a sign before text is "not a number" already. */
const FORMULA = /^[=@]/;
/** Text cells (names, labels) are refused for a sign before something other than a number too ("-A1+1"). */
const TEXT_FORMULA = /^([=@]|[+-](?![\d.]))/;

/** Why `cell` could run as a formula when the file is opened in a spreadsheet, or undefined. */
function formulaProblem(cell: string, formula: RegExp): string | undefined {
  if (formula.test(cell)) return `${quoted(cell)} looks like a formula; formulas are not allowed`;
  if (/^[\t\r]/.test(cell)) return `${quoted(cell)} starts with a tab or carriage return (possible formula injection)`;
  return undefined;
}

/** Why `cell` is not an acceptable number, or undefined when it is. */
function numberProblem(cell: string): string | undefined {
  if (cell === '') return 'empty cell, expected a number';
  const formula = formulaProblem(cell, FORMULA);
  if (formula) return formula;
  if (!DECIMAL.test(cell)) return `${quoted(cell)} is not a number`;
  if (Math.abs(Number(cell)) > FLOAT32_MAX) return `${quoted(cell)} is too large (32-bit floats reach ±3.4e38)`;
  return undefined;
}

/** Why a text cell (a column name or a label) is refused, or undefined. */
const textProblem = (cell: string): string | undefined => formulaProblem(cell, TEXT_FORMULA);

/** Spaces around a cell are tolerated ("1, 2"); tabs are not trimmed, they are suspicious. */
const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, '');

/**
 * Parses CSV text into a Dataset: every column numeric except an optional label column,
 * whose distinct texts become classes in order of first appearance (an empty label is -1).
 * Throws CsvError with the spreadsheet row and column of the first problem.
 */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const { maxRows = 100_000, maxColumns = 1_000 } = options;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let names: string[] = [];
  const records = csvRecords(body, detectDelimiter(body), maxColumns, () => names);
  const first = records.next();
  if (first.done || body.trim() === '') throw new CsvError('the file is empty');
  if (first.value.blank) throw new CsvError('empty row; the first row must hold column names or numbers', { row: 1 });
  const layout = readLayout(first.value.cells, options);
  if (layout.header) names = readHeader(first.value.cells.map(trimSpaces));
  const width = first.value.cells.length;
  const values: number[] = [];
  const labelTexts: string[] = [];
  let pendingBlank: number | undefined;
  let dataRows = 0;
  const take = (rec: CsvRecord): void => {
    if (rec.blank) {
      pendingBlank ??= rec.row;
      return;
    }
    if (pendingBlank !== undefined)
      throw new CsvError('empty row (only trailing blank lines are allowed)', { row: pendingBlank });
    if (++dataRows > maxRows) throw new CsvError(`more than ${maxRows} data rows`, { row: rec.row });
    if (rec.cells.length !== width) {
      const column = Math.min(rec.cells.length, width) + 1;
      const reason = `this row has ${rec.cells.length} cells but row 1 has ${width}`;
      throw new CsvError(reason, { row: rec.row, column, columnName: names[column - 1] });
    }
    readRow(rec, layout.labelIndex, names, values, labelTexts);
  };
  if (!layout.header) take(first.value);
  for (const rec of records) take(rec);
  if (dataRows < MIN_ROWS)
    throw new CsvError(
      `the file has ${dataRows} data row${dataRows === 1 ? '' : 's'}; at least ${MIN_ROWS} are needed`,
    );
  return toCsvDataset(values, labelTexts, layout.labelIndex, names, width);
}

/** Appends one record's numbers to `values` and its label text to `labelTexts`. */
function readRow(rec: CsvRecord, labelIndex: number, names: string[], values: number[], labelTexts: string[]): void {
  rec.cells.forEach((raw, j) => {
    if (j === labelIndex) {
      const label = trimSpaces(raw);
      const problem = textProblem(label);
      if (problem) throw new CsvError(problem, { row: rec.row, column: j + 1, columnName: names[j] });
      labelTexts.push(label);
      return;
    }
    const cell = trimSpaces(raw);
    const problem = numberProblem(cell);
    if (problem) throw new CsvError(problem, { row: rec.row, column: j + 1, columnName: names[j] });
    values.push(Number(cell));
  });
}

/** Whether row 1 is a header, and which column (0-based) holds labels (-1: none). */
function readLayout(firstCells: string[], options: CsvOptions): { header: boolean; labelIndex: number } {
  const cells = firstCells.map(trimSpaces);
  const { label, header = 'auto' } = options;
  let labelIndex = -1;
  if (typeof label === 'string' && label !== '') {
    labelIndex = header === false ? -1 : cells.indexOf(label);
    if (labelIndex < 0 && /^[1-9]\d*$/.test(label)) labelIndex = Number(label) - 1;
    else if (labelIndex < 0) {
      const why =
        header === false
          ? 'a label column given by name needs a header row'
          : `no column is named ${JSON.stringify(label)}`;
      throw new CsvError(`${why} (columns: ${cells.map((c) => JSON.stringify(c)).join(', ')})`, { row: 1 });
    }
  } else if (typeof label === 'number') {
    if (!Number.isInteger(label) || label < 1)
      throw new CsvError(`label column number ${label} must be a whole number from 1`);
    labelIndex = label - 1;
  }
  if (labelIndex >= cells.length)
    throw new CsvError(`label column ${labelIndex + 1} does not exist: the file has ${cells.length} columns`, {
      row: 1,
    });
  if (cells.length - (labelIndex >= 0 ? 1 : 0) < 1)
    throw new CsvError('no numeric column: the only column is the label column', { row: 1 });
  const looksLikeNames =
    cells.some((c, j) => j !== labelIndex && numberProblem(c) !== undefined) ||
    (labelIndex >= 0 && cells[labelIndex] === label);
  // Names that are all numbers are far likelier a first data row than a header: training would lose it.
  if (header === true && cells.every((c) => numberProblem(c) === undefined))
    throw new CsvError('the header row holds only numbers: is it data? use header=no', { row: 1 });
  return { header: header === 'auto' ? looksLikeNames : header, labelIndex };
}

/** Row 1's names, refused where one could run as a formula or two columns share a name. */
function readHeader(names: string[]): string[] {
  names.forEach((name, j) => {
    const problem = textProblem(name);
    if (problem) throw new CsvError(problem, { row: 1, column: j + 1 });
  });
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    const before = seen.get(name);
    // Unnamed columns get their numbers as names instead, so empty names may repeat.
    if (before !== undefined && name !== '')
      throw new CsvError(`columns ${before + 1} and ${j + 1} are both named ${JSON.stringify(name)}`, { row: 1 });
    seen.set(name, j);
  });
  return names;
}

function toCsvDataset(
  values: number[],
  labelTexts: string[],
  labelIndex: number,
  names: string[],
  width: number,
): Dataset {
  const columns: string[] = [];
  for (let j = 0; j < width; j++) if (j !== labelIndex) columns.push(names[j] || `column ${j + 1}`);
  const dim = columns.length;
  const n = values.length / dim;
  const labels = new Int32Array(n).fill(-1);
  const classNames: string[] = [];
  if (labelIndex >= 0) {
    const index = new Map<string, number>();
    labelTexts.forEach((t, i) => {
      if (t === '') return;
      if (!index.has(t)) index.set(t, index.size);
      labels[i] = index.get(t)!;
    });
    classNames.push(...index.keys());
  }
  const data: Dataset = { x: Float32Array.from(values), n, dim, labels, classes: classNames.length, columns };
  return labelIndex >= 0 ? { ...data, classNames } : data;
}
