/**
 * Inputs the engine cannot make itself (it does no I/O). MNIST is a static asset of the build,
 * fetched once (same origin: CSP connect-src 'self') and kept; each configure sends a copy.
 */
import type { ExperimentConfig } from '../../../shared/config';
import type { DataSources } from '../../../shared/protocol';
import mnistUrl from '../../../../resources/mnist-digits.bin?url';

let mnistBytes: Promise<ArrayBuffer> | null = null;

async function fetchMnist(): Promise<ArrayBuffer> {
  const response = await fetch(mnistUrl);
  if (!response.ok) throw new Error(`could not load the MNIST digits (${mnistUrl}: HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** True when configuring `config` needs a download first. */
export function needsDownload(config: ExperimentConfig): boolean {
  return config.dataset.kind === 'mnist';
}

/** The `sources` of a configure command for `config`, or undefined when it needs none. */
export async function sourcesFor(config: ExperimentConfig): Promise<DataSources | undefined> {
  if (config.dataset.kind !== 'mnist') return undefined;
  mnistBytes ??= fetchMnist();
  try {
    return { mnistBytes: await mnistBytes };
  } catch (e) {
    mnistBytes = null; // let the next attempt try again
    throw e;
  }
}
