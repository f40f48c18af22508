/** The csv dataset's parameters (dataset-params.ts) as the parser's options, and back. */
import type { CsvOptions } from './csv-layout';
import { CSV_DELIMITER_CHARS, CSV_IGNORE_SEPARATOR, type CSV_DELIMITERS, type DatasetParams } from './dataset-params';

export type CsvDelimiterName = (typeof CSV_DELIMITERS)[number];
export type CsvHeaderChoice = 'auto' | 'yes' | 'no';

/** The parser's options from validated csv parameters. */
export function csvOptions(p: Readonly<DatasetParams>): CsvOptions {
  const delimiter = String(p.delimiter ?? 'auto') as CsvDelimiterName;
  const ignore = String(p.ignore ?? '')
    .split(CSV_IGNORE_SEPARATOR)
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
  return {
    label: p.label === '' || p.label === undefined ? undefined : String(p.label),
    header: p.header === 'yes' ? true : p.header === 'no' ? false : 'auto',
    delimiter: delimiter === 'auto' ? 'auto' : CSV_DELIMITER_CHARS[delimiter],
    ignore,
  };
}

/** What an import dialog chose: columns by 0-based index, names as the file's header shows them. */
export interface CsvChoices {
  header: CsvHeaderChoice;
  delimiter: CsvDelimiterName;
  /** 0-based, -1 for none. */
  label: number;
  ignored: readonly number[];
}

/**
 * The parameters for `choices`: columns by name when the file has a header and the name can be
 * written back unambiguously (it has no ignore separator, and it is not a bare number, which
 * would read as a column number), else by 1-based number.
 */
export function csvParams(choices: CsvChoices, header: boolean, names: readonly string[]): DatasetParams {
  const ref = (j: number): string => {
    const name = names[j];
    const byName = header && name !== '' && !name.includes(CSV_IGNORE_SEPARATOR) && !/^[1-9]\d*$/.test(name);
    return byName ? name.trim() : String(j + 1);
  };
  return {
    label: choices.label >= 0 ? ref(choices.label) : '',
    header: choices.header,
    delimiter: choices.delimiter,
    ignore: choices.ignored.map(ref).join(CSV_IGNORE_SEPARATOR),
  };
}
