/**
 * A Lab on a FakeHost, brought to where a user finds it: the engine is up and has built the
 * lecture run (its dataset and an idle status arrived). The test plays the engine from there.
 */
import { vi } from 'vitest';
import { LIVE_KEYS, type ExperimentConfig } from '../../src/shared/config';
import type { EpochMetrics, LiveState } from '../../src/shared/protocol';
import { Job } from '../../src/engine-host/job';
import { datasetInfo } from '../../src/engine-host/snapshots';
import { Lab } from '../../src/renderer/src/state/lab.svelte';
import { FakeFrames, FakeHost } from './fake-host';

/** The live settings of `config` as the engine reports them in a status. */
export function liveOf(config: ExperimentConfig): LiveState {
  const live = Object.fromEntries(LIVE_KEYS.map((k) => [k, config.train[k]]));
  return { ...live, speed: 'max' } as LiveState;
}

/** One epoch's metrics, with made-up but plausible numbers. */
export function metricsAt(epoch: number): EpochMetrics {
  return {
    epoch,
    loss: 10 / epoch,
    recon: 8 / epoch,
    reconConstant: 0,
    kl: 2,
    beta: 0.25,
    betaKl: 0.5,
    klPerDim: [1, 1],
    activeUnits: 2,
    steps: 16,
    ms: 1,
  };
}

/** Answer the newest configure as the engine does: the dataset, then an idle status. */
export async function answerConfigure(host: FakeHost): Promise<ExperimentConfig> {
  await vi.waitFor(() => {
    if (host.of('configure').length === 0) throw new Error('no configure yet');
  });
  const { config } = host.of('configure').at(-1)!;
  host.emit({ type: 'dataset', dataset: datasetInfo(Job.build(config)).dataset });
  host.emit({ type: 'status', state: 'idle', epoch: 0, epochs: config.train.epochs, live: liveOf(config) });
  return config;
}

/** A lab whose first engine is up and configured with the lecture preset. */
export async function startLab(): Promise<{ host: FakeHost; frames: FakeFrames; lab: Lab }> {
  const host = new FakeHost();
  const frames = new FakeFrames();
  const lab = new Lab(host, frames.nextFrame);
  lab.start();
  host.engineStarts();
  await answerConfigure(host);
  return { host, frames, lab };
}

/** The engine trained `epochs` epochs and paused. */
export function trainedTo(host: FakeHost, lab: Lab, epochs: number): void {
  host.emit({ type: 'status', state: 'running', epoch: 0, epochs: lab.epochs, live: liveOf(lab.config) });
  host.emit({ type: 'metrics', metrics: Array.from({ length: epochs }, (_, i) => metricsAt(i + 1)) });
  host.emit({ type: 'status', state: 'paused', epoch: epochs, epochs: lab.epochs, live: liveOf(lab.config) });
}
