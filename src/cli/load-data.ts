import { readFileSync } from 'node:fs';
import { CsvError, prepareData, type PreparedData } from '../engine/datasets';
import type { DatasetSpec } from '../shared/config';
import { readMnistBytes } from './mnist-file';
import { UsageError } from './usage-error';

/** Builds a dataset spec's data, reading the files it needs (MNIST resource, CSV file). */
export function loadData(spec: DatasetSpec, csvPath?: string): PreparedData {
  try {
    if (spec.kind === 'mnist') return prepareData(spec, { mnistBytes: readMnistBytes() });
    if (spec.kind === 'csv') return prepareData(spec, { csvText: readCsv(csvPath!) });
    return prepareData(spec);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof CsvError) throw new UsageError(`${csvPath}: ${e.message}`);
    throw new UsageError((e as Error).message);
  }
}

function readCsv(path: string): string {
  try {
    return readFileSync(path, 'utf8');
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
