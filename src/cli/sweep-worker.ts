/** A sweep run on a worker thread: exactly `vae-lab train` with the run's flags, its lines sent to the runner. */
import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './index';

export interface SweepWorkerData {
  vaeLabSweepRun: true;
  argv: string[];
}

export type WorkerMessage =
  { type: 'line'; line: string } | { type: 'err'; line: string } | { type: 'exit'; code: number };

let started = false;

/** Runs when this thread is a sweep worker (the CLI entry calls it first); returns whether it is one. */
export function runSweepWorker(): boolean {
  const data = workerData as SweepWorkerData | null;
  if (!parentPort || !data?.vaeLabSweepRun) return false;
  if (started) return true;
  started = true;
  const port = parentPort;
  const post = (m: WorkerMessage) => port.postMessage(m);
  // The runs already fill the cores, jobs at a time: each trains on one thread unless told otherwise.
  const argv = data.argv.some((a) => a === '--threads' || a.startsWith('--threads='))
    ? data.argv
    : [...data.argv, '--threads', '1'];
  void runCli(['train', ...argv], {
    out: (line) => post({ type: 'line', line }),
    err: (line) => post({ type: 'err', line }),
  }).then((code) => post({ type: 'exit', code }));
  return true;
}
