/**
 * Node adapters of the engine host's port: the host inside a worker_threads Worker, and the
 * caller's side of such a worker. Both ends speak through {@link HostPort}.
 */
import { isMainThread, parentPort, Worker, type MessagePort } from 'node:worker_threads';
import { runHost } from '../engine-host/host';
import type { HostPort } from '../engine-host/port';

export { createPortPair } from '../engine-host/port-pair';

/** The worker's side: `parentPort` as a HostPort. */
export function adaptParentPort(port: MessagePort): HostPort {
  return {
    post: (message, transfer) => port.postMessage(message, transfer ?? []),
    onMessage: (receive) => void port.on('message', receive),
  };
}

/** The caller's side: a Worker running the host, as a HostPort (post commands, receive events). */
export function adaptWorker(worker: Worker): HostPort {
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (receive) => void worker.on('message', receive),
  };
}

/** Call from a worker entry file: runs the host on this thread's parentPort. */
export function runHostInWorkerThread(): void {
  if (isMainThread || !parentPort) throw new Error('runHostInWorkerThread must run inside a worker_threads Worker');
  runHost(adaptParentPort(parentPort));
}

/**
 * Starts a Worker on `entry`, a file that calls {@link runHostInWorkerThread}. A `.ts` entry
 * runs through tsx's CommonJS hook (`--require tsx/cjs`): on Node 20 the ESM hooks of
 * `--import tsx` do not reach a worker thread (ERR_UNKNOWN_FILE_EXTENSION). A built `.js` entry runs as is.
 */
export function startHostWorker(entry: string | URL): Worker {
  const isTs = String(entry).endsWith('.ts');
  return new Worker(entry, { execArgv: isTs ? ['--require', 'tsx/cjs'] : [] });
}
