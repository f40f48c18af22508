/**
 * The data of a session: what is embedded when it is saved (the points of csv and drawn
 * datasets, before the split) and the training data rebuilt when it is resumed or evaluated.
 */
import { dataChecksum, prepareData, type Dataset, type PreparedData } from '../engine/datasets';
import type { DatasetSpec } from '../shared/config';
import { copyTable, type DataTable } from '../shared/data-table';
import type { Session } from '../shared/session';
import { loadCsvData, loadData } from './load-data';
import { UsageError } from './usage-error';

export interface RunData {
  prepared: PreparedData;
  /** CRC-32 of the training examples as built, before training touches them (session `data.checksum`). */
  checksum: string;
  /** The points to store in the session (csv and drawn points), else null. */
  embedded: DataTable | null;
}

/** Data for a new run: as `loadData`, and for a CSV file also its table to embed (drawn points need the app). */
export function loadRunData(spec: DatasetSpec, csvPath?: string): RunData {
  if (spec.kind !== 'csv') {
    const prepared = loadData(spec);
    return { prepared, embedded: null, checksum: dataChecksum(prepared) };
  }
  const { prepared, table } = loadCsvData(spec, csvPath!);
  return { prepared, embedded: table, checksum: dataChecksum(prepared) };
}

/** The split and standardisation of prepareData, applied to data that is already built. */
export function prepareBuilt(spec: DatasetSpec, data: Dataset): PreparedData {
  return prepareData(spec, { dataset: data });
}

/** Rebuilds a session's data (from its spec, or its embedded points) and checks it fits the saved model. */
export function sessionRunData(session: Session, file: string): RunData {
  const spec = session.config.dataset;
  const embedded = session.data.embedded;
  let prepared: PreparedData;
  try {
    prepared = embedded ? prepareBuilt(spec, copyTable(embedded)) : loadData(spec);
  } catch (e) {
    throw new UsageError(`${file}: config.dataset: cannot rebuild the data: ${(e as Error).message}`);
  }
  const { dim, n } = prepared.train;
  if (dim !== session.data.dim)
    throw new UsageError(
      `${file}: data.dim: is ${session.data.dim}, but the dataset in config.dataset has ${dim} columns`,
    );
  if (n !== session.data.trainExamples)
    throw new UsageError(
      `${file}: data.trainExamples: is ${session.data.trainExamples}, but the dataset in config.dataset has ${n} training examples`,
    );
  const checksum = dataChecksum(prepared);
  const saved = session.data.checksum;
  if (saved !== undefined && saved !== checksum)
    throw new UsageError(
      `${file}: data.checksum: the data rebuilt from config.dataset (CRC-32 ${checksum}) is not the data the weights were trained on (CRC-32 ${saved}); was the dataset, its seed or its file changed?`,
    );
  return { prepared, embedded, checksum };
}

export { prepareData };
