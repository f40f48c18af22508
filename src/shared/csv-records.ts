/** Splitting CSV text into records of cells, with the errors a user can act on. */

export interface CsvErrorPlace {
  /** 1-based row as a spreadsheet shows it (a header row counts). */
  row?: number;
  /** 1-based column. */
  column?: number;
  /** The column's header name, when the file has a header. */
  columnName?: string;
}

/** One thing wrong with a CSV file: where (row, column) and why (reason), and the message that says both. */
export interface CsvProblem extends CsvErrorPlace {
  reason: string;
  message: string;
}

/**
 * A CSV file that cannot be used: where (row, column) and why (reason) of its first problem, and
 * every problem found up to a limit (`problems`), of `total` in all.
 */
export class CsvError extends Error {
  readonly row?: number;
  readonly column?: number;
  readonly columnName?: string;
  readonly reason: string;
  /** The problems found, in file order, at most the parser's limit; the first is this error's own. */
  readonly problems: readonly CsvProblem[];
  /** How many problems the file has in all (more than `problems` holds when the limit was reached). */
  readonly total: number;

  /**
   * @param message when the reason itself says where (else `row 7, column 3 ("y"): reason`)
   * @param problems all the problems listed, when there are several (see CsvError.of)
   */
  constructor(
    reason: string,
    place: CsvErrorPlace = {},
    message = csvMessage(reason, place),
    problems?: readonly CsvProblem[],
    total?: number,
  ) {
    super(message);
    this.name = 'CsvError';
    this.reason = reason;
    this.row = place.row;
    this.column = place.column;
    this.columnName = place.columnName;
    this.problems = problems ?? [{ ...place, reason, message }];
    this.total = total ?? this.problems.length;
  }

  /** One error for several problems: the first's place and reason, every listed one in the message. */
  static of(problems: readonly CsvProblem[], total: number): CsvError {
    const [first] = problems;
    if (problems.length === 1 && total === 1) return new CsvError(first.reason, first, first.message);
    const more = total - problems.length;
    const lines = [
      `${total} problems in the file:`,
      ...problems.map((p) => `  ${p.message}`),
      ...(more > 0 ? [`  … and ${more} more`] : []),
    ];
    return new CsvError(first.reason, first, lines.join('\n'), [...problems], total);
  }
}

/** `row 7, column 3 ("y"): reason`, leaving out what is unknown. */
export function csvMessage(reason: string, { row, column, columnName }: CsvErrorPlace): string {
  const parts: string[] = [];
  if (row !== undefined) parts.push(`row ${row}`);
  if (column !== undefined) parts.push(`column ${column}${columnName ? ` (${JSON.stringify(columnName)})` : ''}`);
  return parts.length ? `${parts.join(', ')}: ${reason}` : reason;
}

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based record number, which is the spreadsheet row. */
  row: number;
  cells: string[];
  /** An empty line. */
  blank: boolean;
}

/**
 * The delimiter the first line uses most (outside quotes): comma, semicolon or tab;
 * comma on a tie or when there is none (a single column).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvDelimiter]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * Records of RFC 4180 text: fields separated by `delimiter`, records by CRLF, LF or CR,
 * fields optionally in double quotes ("" inside quotes is one quote, and a quoted field may
 * span lines). `names()` gives header names for error messages once they are known.
 */
export function* csvRecords(
  text: string,
  delimiter: CsvDelimiter,
  maxColumns: number,
  names: () => string[],
): Generator<CsvRecord> {
  let i = 0;
  const fail = (reason: string, row: number, column: number): never => {
    throw new CsvError(reason, { row, column, columnName: names()[column - 1] });
  };
  for (let row = 1; i < text.length; row++) {
    const cells: string[] = [];
    let blank = true;
    for (;;) {
      const column = cells.length + 1;
      if (column > maxColumns) fail(`more than ${maxColumns} columns`, row, column);
      let cell = '';
      if (text[i] === '"') {
        blank = false;
        const close = findClosingQuote(text, i + 1);
        if (close < 0) fail('a quoted cell is never closed (missing ")', row, column);
        cell = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          fail(`unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 20))}`, row, column);
        }
      } else {
        const start = i;
        while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        cell = text.slice(start, i);
        if (cell.length > 0 || text[i] === delimiter) blank = false;
      }
      cells.push(cell);
      if (i < text.length && text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < text.length) i++;
      break;
    }
    yield { row, cells, blank };
  }
}

/** Index of the quote that closes a quoted field whose content starts at `from`, or -1. */
function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i;
  }
  return -1;
}
