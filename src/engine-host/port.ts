/**
 * The one thing the engine host needs from its surroundings: a two-way message port.
 * Adapters wrap Electron's `process.parentPort` + MessagePortMain, a Web Worker's `self`,
 * and, in tests, an in-process port pair or Node's `worker_threads` (test/support/engine-host.ts).
 */
export interface HostPort {
  /** Send one message; buffers in `transfer` move instead of being copied. */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Register the single receiver of incoming messages. */
  onMessage(receive: (message: unknown) => void): void;
}
