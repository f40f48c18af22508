/**
 * Runs a sweep's runs on `jobs` worker threads at a time. Each run is `vae-lab train` with its
 * flags, in its own thread, so it gives the same numbers, to the bit, as that command alone. A
 * run that fails or diverges is marked; the others go on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunStatus } from '../shared/sweep-file';
import type { SweepWorkerData, WorkerMessage } from './sweep-worker';

export interface RunOutcome {
  status: RunStatus;
  message: string | null;
  /** The train command's jsonl summary line, when it printed one. */
  summary: Record<string, unknown> | null;
}

export type RunnerEvent =
  { type: 'epoch'; run: number; epoch: number; loss: number } | { type: 'finished'; run: number; outcome: RunOutcome };

/** The worker's entry: the TypeScript source under tsx, else this bundle itself. */
function workerEntry(): { file: string; execArgv: string[] } {
  const source = join(__dirname, 'index.ts');
  if (__filename.endsWith('.ts') && existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] };
  return { file: __filename, execArgv: [] };
}

function runOne(argv: string[], run: number, onEvent: (e: RunnerEvent) => void): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const { file, execArgv } = workerEntry();
    const data: SweepWorkerData = { vaeLabSweepRun: true, argv };
    let summary: Record<string, unknown> | null = null;
    const errors: string[] = [];
    let settled = false;
    const settle = (o: RunOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: data, execArgv });
    } catch (e) {
      settle({ status: 'failed', message: `could not start its worker: ${(e as Error).message}`, summary: null });
      return;
    }
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'err') errors.push(m.line);
      else if (m.type === 'line') {
        const o = JSON.parse(m.line) as Record<string, unknown>;
        if (o.type === 'epoch') onEvent({ type: 'epoch', run, epoch: o.epoch as number, loss: o.loss as number });
        else if (o.type === 'summary') summary = o;
      } else {
        const diverged = summary?.status === 'diverged';
        const d = summary?.divergence as { epoch: number; reason: string } | undefined;
        if (summary && (m.code === 0 || diverged))
          settle({
            status: diverged ? 'diverged' : 'done',
            message: diverged && d ? `diverged at epoch ${d.epoch}: ${d.reason}` : null,
            summary,
          });
        else settle({ status: 'failed', message: errors.join(' ') || `exit code ${m.code}`, summary: null });
        void worker.terminate();
      }
    });
    worker.on('error', (e) => settle({ status: 'failed', message: e.message, summary: null }));
    worker.on('exit', (code) =>
      settle({ status: 'failed', message: `its worker stopped (exit code ${code})`, summary: null }),
    );
  });
}

/** Runs every argv (one per run), `jobs` at a time; the outcomes come back in run order. */
export async function runSweepJobs(
  runs: string[][],
  jobs: number,
  onEvent: (e: RunnerEvent) => void = () => {},
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = new Array<RunOutcome>(runs.length);
  let next = 0;
  const lane = async () => {
    while (next < runs.length) {
      const i = next++;
      outcomes[i] = await runOne(runs[i], i, onEvent);
      onEvent({ type: 'finished', run: i, outcome: outcomes[i] });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, runs.length)) }, lane));
  return outcomes;
}
