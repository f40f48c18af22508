/**
 * The sweep workload: six lecture runs (β log-spaced 0.01…16, as `vae-lab sweep` does by
 * default) trained by the sweep's own runner, once with every run after the other (jobs 1) and
 * once two at a time (jobs 2). The speed-up is the ratio of the two wall-clock times; both include
 * starting each run's worker thread and saving its session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSweepJobs, type RunOutcome } from '../src/cli/sweep-runner';
import { logSpaced } from '../src/shared/sweep';

export const SWEEP_BENCH_RUNS = 6;
export const SWEEP_BENCH_JOBS = 2;
/** The lecture run's length. */
export const SWEEP_BENCH_EPOCHS = 800;

export interface SweepTiming {
  runs: number;
  jobs: number;
  epochsPerRun: number;
  /** Wall-clock ms of the six runs one after another. */
  sequentialMs: number;
  /** Wall-clock ms of the six runs `jobs` at a time. */
  parallelMs: number;
  /** sequentialMs ÷ parallelMs. */
  speedUp: number;
}

function runArgv(dir: string, tag: string, epochs: number): string[][] {
  return logSpaced(0.01, 16, SWEEP_BENCH_RUNS).map((beta, i) => [
    '--preset',
    'lecture',
    '--epochs',
    String(epochs),
    `--beta=${beta}`,
    '--out',
    join(dir, `${tag}-${i + 1}.vaelab`),
    '--log',
    'jsonl',
  ]);
}

async function wallMs(runs: string[][], jobs: number): Promise<number> {
  const started = performance.now();
  const outcomes: RunOutcome[] = await runSweepJobs(runs, jobs);
  const ms = performance.now() - started;
  const bad = outcomes.findIndex((o) => o.status === 'failed');
  if (bad >= 0) throw new Error(`run ${bad + 1} failed: ${outcomes[bad].message}`);
  return ms;
}

export async function timeSweep(epochs = SWEEP_BENCH_EPOCHS): Promise<SweepTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'vae-lab-bench-sweep-'));
  try {
    const sequentialMs = await wallMs(runArgv(dir, 'seq', epochs), 1);
    const parallelMs = await wallMs(runArgv(dir, 'par', epochs), SWEEP_BENCH_JOBS);
    return {
      runs: SWEEP_BENCH_RUNS,
      jobs: SWEEP_BENCH_JOBS,
      epochsPerRun: epochs,
      sequentialMs,
      parallelMs,
      speedUp: sequentialMs / parallelMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSweep(t: SweepTiming): string {
  return [
    `sweep (${t.runs} lecture runs × ${t.epochsPerRun} epochs):`,
    `  one after another  ${(t.sequentialMs / 1000).toFixed(1).padStart(7)} s`,
    `  jobs ${t.jobs}            ${(t.parallelMs / 1000).toFixed(1).padStart(7)} s`,
    `  speed-up: ${t.speedUp.toFixed(2)}×`,
  ].join('\n');
}
