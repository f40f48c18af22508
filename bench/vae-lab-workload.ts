/**
 * Our engine on the benchmark workloads: the app's own presets (which bench/workloads.ts
 * mirrors for TensorFlow.js), trained by the same Trainer the app and the CLI use.
 */
import { readMnistBytes } from '../src/cli/mnist-file';
import { useNodeKernelThreads } from '../src/engine-host/kernel-threads-node';
import { makeDataset } from '../src/engine/datasets';
import { arenaOf, type Arena } from '../src/engine/kernels/arena';
import { threadFailure } from '../src/engine/kernels/kernel-team';
import { Trainer } from '../src/engine/trainer';
import { PRESETS, cloneConfig } from '../src/shared/config';
import { median, type EngineTiming } from './timing';
import type { WorkloadName } from './workloads';

/** Untimed epochs first, so the timed ones run on optimised code with warm caches. */
const WARMUP_EPOCHS: Record<WorkloadName, number> = { lecture: 10, mnist: 1 };

/** Our engine's timing, with the kernels it ran on and its memory. */
export interface VaeLabTiming extends EngineTiming {
  threads: number;
  /** The gemm module: exact, or relaxed (fused multiply-add). */
  gemm: string;
  /** Why it ran on fewer threads than asked, or null. */
  threadNote: string | null;
  /** Bytes of the WebAssembly arena holding the model's buffers and the threads' scratch. */
  arenaBytes: number;
  /** Peak resident memory of the bench process so far (bytes). */
  peakRssBytes: number;
}

/**
 * Waits (on the state) for the arena's kernel threads to start, so every timed epoch uses them all;
 * gives up when one failed or after a minute (the note or the thread count then says so).
 */
export async function threadsStarted(arena: Arena | undefined): Promise<void> {
  const until = performance.now() + 60_000;
  while (arena?.gemm.team && arena.gemm.team.parts < arena.kernels.threads && threadFailure() === null) {
    if (performance.now() > until) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function timeVaeLab(workload: WorkloadName, epochs: number, threads = 1): Promise<VaeLabTiming> {
  useNodeKernelThreads(threads);
  const config = cloneConfig(PRESETS[workload]);
  const sources = workload === 'mnist' ? { mnistBytes: readMnistBytes() } : {};
  const trainer = new Trainer(config, makeDataset(config.dataset, sources));
  const arena = arenaOf(trainer.params[0].value);
  await threadsStarted(arena);
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
    threads: arena?.kernels.threads ?? 1,
    gemm: arena?.kernels.gemm ?? 'javascript',
    threadNote: arena
      ? (arena.kernels.note ?? (threadFailure() ? `one thread: ${threadFailure()}` : null))
      : threads > 1
        ? 'one thread: no WebAssembly arena'
        : null,
    arenaBytes: arena?.buffer.byteLength ?? 0,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
