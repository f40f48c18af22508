/**
 * Numeric CSV files as data tables, with strict checks: every bad cell is reported (up to a
 * limit, then counted) with its row, column and column name, not only the first.
 */
import { numberProblem, textProblem, trimSpaces } from './csv-cells';
import { delimiterOf, readLayout, withoutBom, type CsvLayout, type CsvOptions } from './csv-layout';
import { CsvError, csvMessage, csvRecords, type CsvErrorPlace, type CsvProblem, type CsvRecord } from './csv-records';

export { CsvError, type CsvProblem } from './csv-records';
export type { CsvOptions } from './csv-layout';

/** What a CSV file parses to: a data table, with class names only when it had a label column. */
export interface CsvTable {
  /** `[n × dim]` */
  x: Float32Array;
  n: number;
  dim: number;
  /** `[n]`, -1 where the label is empty or there is no label column. */
  labels: Int32Array;
  classes: number;
  columns: string[];
  classNames?: string[];
}

const MIN_ROWS = 2;
export const CSV_MAX_PROBLEMS = 20;

/** The problems found so far: the first `max` kept, all counted; column names are looked up at the end. */
class Problems {
  private readonly list: { reason: string; row?: number; column?: number }[] = [];
  total = 0;
  constructor(
    private readonly max: number,
    private readonly names: () => string[],
  ) {}

  add(reason: string, { row, column }: CsvErrorPlace): void {
    this.total += 1;
    if (this.list.length < this.max) this.list.push({ reason, row, column });
  }

  /** Throws them as one CsvError when there are any. */
  check(): void {
    if (this.total === 0) return;
    const problems = this.list.map(({ reason, row, column }): CsvProblem => {
      const place = { row, column, columnName: column === undefined ? undefined : this.names()[column - 1] };
      return { ...place, reason, message: csvMessage(reason, place) };
    });
    throw CsvError.of(problems, this.total);
  }
}

/** The records of `records`, until one cannot be read: that problem is added and reading stops. */
function* readable(records: Iterable<CsvRecord>, problems: Problems): Generator<CsvRecord> {
  try {
    yield* records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    problems.add(e.reason, e);
  }
}

/**
 * Parses CSV text into a table: every column numeric except an optional label column, whose
 * distinct texts become classes in order of first appearance (an empty label is -1), and the
 * ignored columns. Throws CsvError listing every problem (up to `maxProblems`, default 20).
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const { maxRows = 100_000, maxColumns = 1_000, maxProblems = CSV_MAX_PROBLEMS } = options;
  const body = withoutBom(text);
  let names: string[] = [];
  const records = csvRecords(body, delimiterOf(body, options.delimiter), maxColumns, () => names);
  const first = records.next();
  if (first.done || body.trim() === '') throw new CsvError('the file is empty');
  if (first.value.blank) throw new CsvError('empty row; the first row must hold column names or numbers', { row: 1 });
  const problems = new Problems(maxProblems, () => names);
  const rest = readable(records, problems);
  const second = rest.next();
  const layout = readLayout(first.value.cells, second.done ? undefined : second.value.cells, options);
  if (layout.header) names = readHeader(first.value.cells.map(trimSpaces));
  const width = first.value.cells.length;
  const values: number[] = [];
  const labelTexts: string[] = [];
  let pendingBlank: number | undefined;
  let dataRows = 0;
  const take = (rec: CsvRecord): boolean => {
    if (rec.blank) {
      pendingBlank ??= rec.row;
      return true;
    }
    if (pendingBlank !== undefined)
      problems.add('empty row (only trailing blank lines are allowed)', { row: pendingBlank });
    pendingBlank = undefined;
    if (++dataRows > maxRows) {
      problems.add(`more than ${maxRows} data rows`, { row: rec.row });
      return false;
    }
    if (rec.cells.length !== width) {
      const column = Math.min(rec.cells.length, width) + 1;
      const reason = `this row has ${rec.cells.length} cells but row 1 has ${width}`;
      problems.add(reason, { row: rec.row, column });
      return true;
    }
    readRow(rec, layout, problems, values, labelTexts);
    return true;
  };
  let going = layout.header || take(first.value);
  if (going && !second.done) going = take(second.value);
  if (going) for (const rec of rest) if (!take(rec)) break;
  problems.check();
  if (dataRows < MIN_ROWS)
    throw new CsvError(
      `the file has ${dataRows} data row${dataRows === 1 ? '' : 's'}; at least ${MIN_ROWS} are needed`,
    );
  return toTable(values, labelTexts, layout, names, width);
}

/** Appends one record's numbers to `values` and its label text to `labelTexts`; bad cells go to `problems`. */
function readRow(
  rec: CsvRecord,
  { labelIndex, ignored }: CsvLayout,
  problems: Problems,
  values: number[],
  labelTexts: string[],
): void {
  rec.cells.forEach((raw, j) => {
    if (ignored.has(j)) return;
    const cell = trimSpaces(raw);
    const problem = j === labelIndex ? textProblem(cell) : numberProblem(cell);
    if (problem) problems.add(problem, { row: rec.row, column: j + 1 });
    if (j === labelIndex) labelTexts.push(cell);
    else values.push(problem ? NaN : Number(cell));
  });
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

function toTable(values: number[], labelTexts: string[], layout: CsvLayout, names: string[], width: number): CsvTable {
  const { labelIndex, ignored } = layout;
  const columns: string[] = [];
  for (let j = 0; j < width; j++) if (j !== labelIndex && !ignored.has(j)) columns.push(names[j] || `column ${j + 1}`);
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
  const data: CsvTable = { x: Float32Array.from(values), n, dim, labels, classes: classNames.length, columns };
  return labelIndex >= 0 ? { ...data, classNames } : data;
}
