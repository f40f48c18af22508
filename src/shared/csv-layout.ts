/** How a CSV file is read: its delimiter, whether row 1 names the columns, the label column, the ignored ones. */
import { numberProblem, trimSpaces } from './csv-cells';
import { CsvError, detectDelimiter, type CsvDelimiter } from './csv-records';

export interface CsvOptions {
  /** The class-label column: its header name, or its 1-based number. */
  label?: string | number;
  /** Whether the first row holds names; 'auto' (default) says yes when a column has text above a number. */
  header?: boolean | 'auto';
  /** The cell separator; 'auto' (default) takes the one the first line uses most. */
  delimiter?: CsvDelimiter | 'auto';
  /** Columns left out of the data: header names or 1-based numbers. */
  ignore?: readonly (string | number)[];
  /** Most data rows accepted (the header not counted). */
  maxRows?: number;
  /** Most columns accepted, the label column included. */
  maxColumns?: number;
  /** Most problems an error lists (it still counts them all). */
  maxProblems?: number;
}

export interface CsvLayout {
  header: boolean;
  /** 0-based, -1 for none. */
  labelIndex: number;
  /** 0-based columns left out. */
  ignored: ReadonlySet<number>;
}

/** Text without a byte-order mark. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The delimiter the options ask for, or the one the text's first line uses. */
export const delimiterOf = (text: string, choice: CsvOptions['delimiter'] = 'auto'): CsvDelimiter =>
  choice === 'auto' ? detectDelimiter(text) : choice;

const shownNames = (cells: string[]): string => cells.map((c) => JSON.stringify(c)).join(', ');

/** The 0-based column a name or a 1-based number refers to; `what` names it in errors ("label column"). */
function columnOf(ref: string | number, cells: string[], header: boolean | 'auto', what: string): number {
  let index: number;
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 1) throw new CsvError(`${what} number ${ref} must be a whole number from 1`);
    index = ref - 1;
  } else {
    index = header === false ? -1 : cells.indexOf(ref);
    if (index < 0 && /^[1-9]\d*$/.test(ref)) index = Number(ref) - 1;
    else if (index < 0) {
      const why =
        header === false ? `a ${what} given by name needs a header row` : `no column is named ${JSON.stringify(ref)}`;
      throw new CsvError(`${why} (columns: ${shownNames(cells)})`, { row: 1 });
    }
  }
  if (index >= cells.length)
    throw new CsvError(`${what} ${index + 1} does not exist: the file has ${cells.length} columns`, { row: 1 });
  return index;
}

/**
 * Whether row 1 names the columns, when the options leave it to a guess: yes when the label is
 * given by its name in row 1, when no cell of row 1 is a number, or when a column has text in
 * row 1 and a number in row 2. A text column with text in both rows (class names) is data, so
 * "c0,0.5,1.2" above "c1,0.3,0.9" is a first data row. Without a row 2, any text says yes.
 */
function guessHeader(cells: string[], second: string[] | undefined, named: boolean): boolean {
  const isNumber = (c: string | undefined): boolean => c !== undefined && numberProblem(trimSpaces(c)) === undefined;
  if (named || cells.every((c) => !isNumber(c))) return true;
  return cells.some((c, j) => !isNumber(c) && (second === undefined || isNumber(second[j])));
}

/** Reads the layout from the first two records (`second` undefined when there is none). */
export function readLayout(firstCells: string[], second: string[] | undefined, options: CsvOptions): CsvLayout {
  const cells = firstCells.map(trimSpaces);
  const { label, header = 'auto', ignore = [] } = options;
  const hasLabel = typeof label === 'number' || (typeof label === 'string' && label !== '');
  const labelIndex = hasLabel ? columnOf(label, cells, header, 'label column') : -1;
  const ignored = new Set(ignore.map((ref) => columnOf(ref, cells, header, 'ignored column')));
  if (ignored.has(labelIndex))
    throw new CsvError(`column ${labelIndex + 1} is both the label column and ignored`, { row: 1 });
  const features = cells.length - (labelIndex >= 0 ? 1 : 0) - ignored.size;
  if (features < 1)
    throw new CsvError(
      ignored.size === 0
        ? 'no numeric column: the only column is the label column'
        : 'no numeric column: every column is the label column or ignored',
      { row: 1 },
    );
  // Names that are all numbers are far likelier a first data row than a header: training would lose it.
  if (header === true && cells.every((c) => numberProblem(c) === undefined))
    throw new CsvError('the header row holds only numbers: is it data? use header=no', { row: 1 });
  const named = labelIndex >= 0 && cells[labelIndex] === label;
  return { header: header === 'auto' ? guessHeader(cells, second, named) : header, labelIndex, ignored };
}
