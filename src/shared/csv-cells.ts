/** What a CSV cell may hold: a number, or (in a label or a header) text that cannot run as a formula. */

/** A decimal number literal: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;

/** A cell as a message quotes it: long ones cut. */
export const quoted = (cell: string): string => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

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
export function numberProblem(cell: string): string | undefined {
  if (cell === '') return 'empty cell, expected a number';
  const formula = formulaProblem(cell, FORMULA);
  if (formula) return formula;
  if (!DECIMAL.test(cell)) return `${quoted(cell)} is not a number`;
  if (Math.abs(Number(cell)) > FLOAT32_MAX) return `${quoted(cell)} is too large (32-bit floats reach ±3.4e38)`;
  return undefined;
}

/** Why a text cell (a column name or a label) is refused, or undefined. */
export const textProblem = (cell: string): string | undefined => formulaProblem(cell, TEXT_FORMULA);

/** Spaces around a cell are tolerated ("1, 2"); tabs are not trimmed, they are suspicious. */
export const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, '');

/** A cell that holds text: not a number, and not empty (an empty cell is a missing value). */
export const isText = (cell: string): boolean => cell !== '' && numberProblem(cell) !== undefined;
