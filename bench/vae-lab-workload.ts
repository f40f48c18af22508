/**
 * TEMPORARY placeholder — the engine's author replaces this file.
 *
 * Contract for the real implementation: train `WORKLOADS[workload]` (bench/workloads.ts,
 * data from bench/workload-data.ts) with our engine, untimed warm-up first, then time
 * `epochs` epochs and return the median ms per epoch, the number of timed epochs and
 * the mean loss of the last timed epoch (firstLoss and method are welcome too).
 */
import type { EngineTiming } from './timing';
import type { WorkloadName } from './workloads';

export async function timeVaeLab(_workload: WorkloadName, _epochs: number): Promise<EngineTiming> {
  throw new Error('vae-lab engine not wired yet');
}
