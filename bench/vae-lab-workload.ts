/**
 * Our engine on the benchmark workloads: the app's own presets (which bench/workloads.ts
 * mirrors for TensorFlow.js), trained by the same Trainer the app and the CLI use.
 */
import { readMnistBytes } from '../src/cli/mnist-file';
import { makeDataset } from '../src/engine/datasets';
import { Trainer } from '../src/engine/trainer';
import { PRESETS, cloneConfig } from '../src/shared/config';
import { median, type EngineTiming } from './timing';
import type { WorkloadName } from './workloads';

/** Untimed epochs first, so the timed ones run on optimised code with warm caches. */
const WARMUP_EPOCHS: Record<WorkloadName, number> = { lecture: 10, mnist: 1 };

export async function timeVaeLab(workload: WorkloadName, epochs: number): Promise<EngineTiming> {
  const config = cloneConfig(PRESETS[workload]);
  const sources = workload === 'mnist' ? { mnistBytes: readMnistBytes() } : {};
  const trainer = new Trainer(config, makeDataset(config.dataset, sources));
  trainer.setLive({ epochs: Number.MAX_SAFE_INTEGER });
  let firstLoss = NaN;
  let finalLoss = NaN;
  const timedMs: number[] = [];
  for (let e = 0; e < WARMUP_EPOCHS[workload] + epochs; e++) {
    const started = performance.now();
    const m = trainer.runEpoch();
    const ms = performance.now() - started;
    if (!m) throw new Error(`diverged: ${trainer.divergence?.reason}`);
    if (e === 0) firstLoss = m.loss;
    if (e >= WARMUP_EPOCHS[workload]) timedMs.push(ms);
    finalLoss = m.loss;
  }
  return {
    msPerEpoch: median(timedMs),
    epochs: timedMs.length,
    finalLoss,
    firstLoss,
    method: `median of ${timedMs.length} epochs after ${WARMUP_EPOCHS[workload]} warm-up epochs`,
    timedMs,
  };
}
