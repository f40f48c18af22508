import { readFileSync } from 'node:fs';
import {
  CsvError,
  decodeCsvBytes,
  makeDataset,
  prepareData,
  type Dataset,
  type PreparedData,
} from '../engine/datasets';
import type { DatasetSpec } from '../shared/config';
import { copyTable, TABLE_LIMITS, type DataTable } from '../shared/data-table';
import { readMnistBytes } from './mnist-file';
import { UsageError } from './usage-error';

/** Builds the data of a spec that needs no CSV file (generators, the MNIST resource). */
export function loadData(spec: DatasetSpec): PreparedData {
  return asUsageError(undefined, () =>
    spec.kind === 'mnist' ? prepareData(spec, { mnistBytes: readMnistBytes() }) : prepareData(spec),
  );
}

/**
 * A CSV file's data, read once (a pipe or /dev/stdin cannot be read twice): the table to embed in
 * a session and the prepared data, both from the same text.
 */
export function loadCsvData(spec: DatasetSpec, csvPath: string): { prepared: PreparedData; table: DataTable } {
  const text = asUsageError(csvPath, () => decodeCsvBytes(readCsv(csvPath)));
  const raw = asUsageError(csvPath, () => makeDataset(spec, { csvText: text }));
  checkNames(csvPath, raw, String(spec.params.label));
  const table = copyTable(raw);
  return { prepared: asUsageError(csvPath, () => prepareData(spec, { dataset: raw })), table };
}

/** Engine errors as usage errors: CSV problems named by the file. */
function asUsageError<T>(csvPath: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof CsvError) throw new UsageError(`${csvPath}: ${e.message}`);
    throw new UsageError((e as Error).message);
  }
}

/** A session file holds column and class names up to TABLE_LIMITS.name: refuse longer ones before training. */
function checkNames(csvPath: string, data: Dataset, labelColumn: string): void {
  const max = TABLE_LIMITS.name;
  const long = (name: string) => name.length > max;
  const shown = (name: string) => JSON.stringify(`${name.slice(0, 30)}…`);
  const column = data.columns.findIndex(long);
  if (column >= 0)
    throw new UsageError(
      `${csvPath}: the name of column ${column + 1} (${shown(data.columns[column])}) is ${data.columns[column].length} characters long; a session holds names of at most ${max}`,
    );
  const label = (data.classNames ?? []).find(long);
  if (label !== undefined)
    throw new UsageError(
      `${csvPath}: the label column ${JSON.stringify(labelColumn)} has a class name (${shown(label)}) ${label.length} characters long; a session holds names of at most ${max}`,
    );
}

/** The file's bytes: decoding them is the engine's, which refuses what is not UTF-8. */
function readCsv(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : (e as Error).message;
    throw new UsageError(`cannot read CSV file ${path}: ${why}`);
  }
}
