import type { HostPort } from './port';

/** The members of a dedicated worker's global scope (`self`) the host uses; no DOM types needed. */
export interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** A Web Worker's `self` as a HostPort: buffers in `transfer` move to the page. */
export function adaptWorkerScope(scope: WorkerScope): HostPort {
  return {
    post: (message, transfer) => scope.postMessage(message, transfer ?? []),
    onMessage: (receive) => {
      scope.onmessage = (event) => receive(event.data);
    },
  };
}
