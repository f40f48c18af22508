/**
 * Entry of the engine host in a Web Worker (the web build): `self` is the port.
 * Only the members used here are described, so engine-host needs no DOM types.
 */
import { runHost } from './host';
import type { HostPort } from './port';

interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** In a dedicated worker, globalThis is `self`. */
const scope = globalThis as unknown as WorkerScope;

export function adaptWorkerScope(s: WorkerScope): HostPort {
  return {
    post: (message, transfer) => s.postMessage(message, transfer ?? []),
    onMessage: (receive) => {
      s.onmessage = (event) => receive(event.data);
    },
  };
}

runHost(adaptWorkerScope(scope));
