/**
 * Host of the web build: the engine runs in a module Web Worker. Restarting terminates the
 * worker and starts a new one; a worker error counts as the engine stopping (it is terminated
 * too, so a half-broken engine never keeps running).
 */
import type { EngineCommand } from '../../../shared/protocol';
import { EngineLink } from './engine-link';
import type { EnginePlatform, EngineTransport, PlatformEvents, TransportEvents } from './engine-transport';
import type { Transfer, Unsubscribe } from './host';

/** The parts of a Worker used here (structural, so tests can pass a fake). */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onmessageerror: (() => void) | null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null;
  postMessage(message: unknown, transfer: Transfer): void;
  terminate(): void;
}

class WorkerTransport implements EngineTransport {
  constructor(private readonly worker: WorkerLike) {}

  send(command: EngineCommand, transfer: Transfer): void {
    this.worker.postMessage(command, transfer);
  }

  listen(events: TransportEvents): void {
    this.worker.onmessage = (event) => events.message(event.data);
    this.worker.onmessageerror = () => events.undecodable();
    this.worker.onerror = (event) => {
      event.preventDefault(); // reported in the page, not as an uncaught error
      events.failed(`worker error${event.message ? `: ${event.message}` : ''}`);
    };
  }

  close(): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.onmessageerror = null;
    this.worker.terminate();
  }
}

class WorkerPlatform implements EnginePlatform {
  readonly kind = 'web';
  private events: PlatformEvents | null = null;

  constructor(private readonly createWorker: () => WorkerLike) {}

  start(events: PlatformEvents): Unsubscribe {
    this.events = events;
    this.spawn();
    return () => (this.events = null);
  }

  async restart(): Promise<void> {
    this.spawn();
  }

  /** A Worker buffers messages posted before its script has loaded, so the link may send at once. */
  private spawn(): void {
    this.events?.connected(new WorkerTransport(this.createWorker()));
  }
}

export class WebHost extends EngineLink {
  /** `createWorker` starts one engine worker (see create-engine-worker.ts; tests pass a fake). */
  constructor(createWorker: () => WorkerLike) {
    super(new WorkerPlatform(createWorker));
  }
}
