/**
 * Host of the web build: the engine runs in a module Web Worker. Restarting terminates the
 * worker and starts a new one; a worker error counts as the engine stopping (it is terminated
 * too, so a half-broken engine never keeps running).
 */
import type { EngineCommand } from '../../../shared/protocol';
import { EngineLink } from './engine-link';
import type { Host, Transfer } from './host';

/** The parts of a Worker used here (structural, so tests can pass a fake). */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onmessageerror: (() => void) | null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null;
  postMessage(message: unknown, transfer: Transfer): void;
  terminate(): void;
}

export class WebHost implements Host {
  readonly kind = 'web';
  private readonly link = new EngineLink();
  private worker: WorkerLike | null = null;

  /** `createWorker` starts one engine worker (see create-engine-worker.ts; tests pass a fake). */
  constructor(private readonly createWorker: () => WorkerLike) {}

  send(command: EngineCommand, transfer: Transfer = []): void {
    this.link.send(command, transfer);
  }
  onEvent = this.link.onEvent;
  onProtocolError = this.link.onProtocolError;
  onEngineStart = this.link.onEngineStart;
  onEngineStop = this.link.onEngineStop;
  onMenu = this.link.onMenu;

  connect(): void {
    this.spawn();
  }

  async restartEngine(): Promise<void> {
    this.stopWorker();
    this.link.detach(null);
    this.spawn();
  }

  private spawn(): void {
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => this.link.receive(event.data);
    worker.onmessageerror = () => this.link.protocolErrors.emit('an engine message could not be deserialised');
    worker.onerror = (event) => {
      event.preventDefault(); // reported in the page, not as an uncaught error
      if (this.worker !== worker) return;
      this.stopWorker();
      const what = event.message ? `: ${event.message}` : '';
      this.link.detach({ reason: `worker error${what}`, restartInMs: null });
    };
    // A Worker buffers messages posted before its script has loaded, so the link may flush now.
    this.link.attach((message, transfer) => worker.postMessage(message, transfer));
  }

  private stopWorker(): void {
    const worker = this.worker;
    if (worker === null) return;
    this.worker = null;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
  }
}
