/**
 * Inputs the engine cannot make itself (it does no I/O). MNIST is a static asset of the build,
 * fetched once (same origin: CSP connect-src 'self') and kept; each configure sends a copy.
 */
import type { ExperimentConfig } from '../../../shared/config';
import { MIN_POINTS, type DataSources, type DataTable, type LabelledPoint } from '../../../shared/protocol';
import mnistUrl from '../../../../resources/mnist-digits.bin?url';

let mnistBytes: Promise<ArrayBuffer> | null = null;

async function fetchMnist(): Promise<ArrayBuffer> {
  const response = await fetch(mnistUrl);
  if (!response.ok) throw new Error(`could not load the MNIST digits (${mnistUrl}: HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** The user's own data, kept by the lab and sent with every configure of its kind. */
export interface UserSources {
  csvText?: string;
  /** A CSV table parsed already (from a saved session); wins over csvText. */
  table?: DataTable;
  points?: readonly LabelledPoint[];
}

/** What `config` still lacks before a job can be built from it, in words, or null. */
export function incompleteReason(config: ExperimentConfig, user: UserSources): string | null {
  if (config.dataset.kind === 'points' && (user.points?.length ?? 0) < MIN_POINTS) {
    return `Draw at least ${MIN_POINTS} points to train on them.`;
  }
  if (config.dataset.kind === 'csv' && user.csvText === undefined && user.table === undefined)
    return 'Choose a CSV file to train on it.';
  return null;
}

/** True when configuring `config` needs a download first. */
export function needsDownload(config: ExperimentConfig): boolean {
  return config.dataset.kind === 'mnist';
}

/** The `sources` of a configure command for `config`, or undefined when it needs none. */
export async function sourcesFor(config: ExperimentConfig, user: UserSources = {}): Promise<DataSources | undefined> {
  if (config.dataset.kind === 'csv')
    return user.table
      ? { table: { ...user.table, x: user.table.x.slice(), labels: user.table.labels.slice() } }
      : { csvText: user.csvText };
  if (config.dataset.kind === 'points') return { points: user.points?.map((p) => ({ ...p })) };
  if (config.dataset.kind !== 'mnist') return undefined;
  mnistBytes ??= fetchMnist();
  try {
    return { mnistBytes: await mnistBytes };
  } catch (e) {
    mnistBytes = null; // let the next attempt try again
    throw e;
  }
}
