/** A CSV file's bytes as text: refused when they are not UTF-8, instead of shown as mojibake. */
import { CsvError, detectDelimiter } from './csv-records';

/** The length of the UTF-8 sequence a lead byte starts, and the range its second byte must lie in. */
function sequenceOf(lead: number): { length: number; low: number; high: number } | null {
  if (lead < 0x80) return { length: 1, low: 0, high: 0 };
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  // No overlong forms, no UTF-16 surrogates (ED A0 …), nothing above U+10FFFF.
  if (lead >= 0xe0 && lead <= 0xef)
    return { length: 3, low: lead === 0xe0 ? 0xa0 : 0x80, high: lead === 0xed ? 0x9f : 0xbf };
  if (lead >= 0xf0 && lead <= 0xf4)
    return { length: 4, low: lead === 0xf0 ? 0x90 : 0x80, high: lead === 0xf4 ? 0x8f : 0xbf };
  return null;
}

/** Offset of the byte that starts the first invalid UTF-8 sequence, or -1 when all is valid. */
export function firstBadUtf8Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const seq = sequenceOf(bytes[i]);
    if (!seq) return i;
    for (let k = 1; k < seq.length; k++) {
      const b = bytes[i + k];
      const [low, high] = k === 1 ? [seq.low, seq.high] : [0x80, 0xbf];
      if (b === undefined || b < low || b > high) return i;
    }
    i += seq.length;
  }
  return -1;
}

/** Row and column (1-based) of a byte: newlines before it, then delimiters on its line. */
function placeOf(bytes: Uint8Array, offset: number): { row: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split(/\r\n|\n|\r/);
  const line = lines[lines.length - 1];
  const delimiter = detectDelimiter(before);
  return { row: lines.length, column: line.split(delimiter).length };
}

/** Decodes a CSV file's bytes as UTF-8; throws CsvError naming the first bad byte's row and column. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { row, column } = placeOf(bytes, Math.max(0, firstBadUtf8Byte(bytes)));
    const reason = `not UTF-8 text: the first bad byte is at row ${row}, column ${column}`;
    throw new CsvError(reason, { row, column }, reason);
  }
}
