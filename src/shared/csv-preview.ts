/**
 * A first look at a CSV file before it is imported: its delimiter, whether row 1 names the
 * columns, the first rows, which columns hold text (they can be the label) and each column's role.
 */
import { isText, trimSpaces } from './csv-cells';
import { delimiterOf, readLayout, withoutBom, type CsvOptions } from './csv-layout';
import { CsvError, csvRecords, type CsvDelimiter, type CsvRecord } from './csv-records';

export type CsvRole = 'feature' | 'label' | 'ignored';

export interface CsvColumnPreview {
  /** The header's name, or `column 3`. */
  name: string;
  /** Some data cell holds text (not a number, not empty): a candidate label column. */
  text: boolean;
  role: CsvRole;
}

export interface CsvPreview {
  delimiter: CsvDelimiter;
  header: boolean;
  columns: CsvColumnPreview[];
  /** The first data rows' cells, spaces trimmed. */
  rows: string[][];
  /** Data rows read (all of them unless `error` stopped the reading). */
  dataRows: number;
  /** What stopped the reading before the end (an unclosed quote…), or null. */
  error: CsvError | null;
}

export const CSV_PREVIEW_ROWS = 8;

/**
 * Reads the whole text once, to find the text columns; keeps the first `shown` data rows.
 * Throws CsvError when the first row or the options cannot be read (an empty file, a label
 * column that does not exist).
 */
export function previewCsv(text: string, options: CsvOptions = {}, shown = CSV_PREVIEW_ROWS): CsvPreview {
  const body = withoutBom(text);
  const delimiter = delimiterOf(body, options.delimiter);
  const records = csvRecords(body, delimiter, options.maxColumns ?? 1_000, () => []);
  const read: CsvRecord[] = [];
  let error: CsvError | null = null;
  try {
    while (read.length < 2) {
      const next = records.next();
      if (next.done) break;
      if (!next.value.blank) read.push(next.value);
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    error = e;
  }
  if (read.length === 0) throw error ?? new CsvError('the file is empty');
  if (read[0].row !== 1) throw new CsvError('empty row; the first row must hold column names or numbers', { row: 1 });
  const first = read[0].cells.map(trimSpaces);
  const layout = readLayout(first, read[1]?.cells, options);
  const width = first.length;
  const columns: CsvColumnPreview[] = first.map((cell, j) => ({
    name: (layout.header && cell) || `column ${j + 1}`,
    text: false,
    role: j === layout.labelIndex ? 'label' : layout.ignored.has(j) ? 'ignored' : 'feature',
  }));
  const rows: string[][] = [];
  let dataRows = 0;
  const look = (rec: CsvRecord): void => {
    if (rec.blank) return;
    dataRows += 1;
    const cells = rec.cells.map(trimSpaces);
    if (rows.length < shown) rows.push(cells);
    for (let j = 0; j < Math.min(width, cells.length); j++) if (isText(cells[j])) columns[j].text = true;
  };
  read.slice(layout.header ? 1 : 0).forEach(look);
  if (error === null) {
    try {
      for (const rec of records) look(rec);
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      error = e;
    }
  }
  return { delimiter, header: layout.header, columns, rows, dataRows, error };
}
