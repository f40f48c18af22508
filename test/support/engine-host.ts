/**
 * The one way tests start an engine host: {@link startHost} on the test's own thread (an
 * in-process port pair), {@link startHostWorker} in a worker_threads Worker. Both hand back a
 * {@link HostClient}, the test's side of the protocol: it validates every event and waits for
 * the ones asked for.
 */
import { Worker } from 'node:worker_threads';
import { command, type EngineCommand, type EngineEvent, type EpochMetrics } from '../../src/shared/protocol';
import { parseEvent } from '../../src/shared/protocol-validate';
import { runHost } from '../../src/engine-host/host';
import type { HostPort } from '../../src/engine-host/port';
import { createPortPair } from './port-pair';

type OmitEnvelope<T> = T extends unknown ? Omit<T, 'v'> : never;
type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

interface Waiter {
  from: number;
  match: (e: EngineEvent) => boolean;
  resolve: (e: EngineEvent) => void;
  reject: (reason: Error) => void;
}

export class HostClient {
  readonly events: EngineEvent[] = [];
  /** Events that failed parseEvent (should stay empty). */
  readonly invalid: string[] = [];
  private waiters: Waiter[] = [];
  private failure: Error | null = null;

  constructor(private readonly port: HostPort) {
    port.onMessage((m) => this.receive(m));
  }

  send(c: OmitEnvelope<EngineCommand>): void {
    this.port.post(command(c));
  }

  sendRaw(message: unknown): void {
    this.port.post(message);
  }

  /** The first event of `type` satisfying `pred` at index ≥ `from` (default: any from now on). */
  waitFor<T extends EngineEvent['type']>(
    type: T,
    pred: (e: EventOf<T>) => boolean = () => true,
    from = this.events.length,
  ): Promise<EventOf<T>> {
    const match = (e: EngineEvent): boolean => e.type === type && pred(e as EventOf<T>);
    const found = this.events.slice(from).find(match);
    if (found) return Promise.resolve(found as EventOf<T>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) =>
      this.waiters.push({ from, match, resolve: (e) => resolve(e as EventOf<T>), reject }),
    );
  }

  /** The host is gone (worker error or exit): pending and future waits fail with `reason`. */
  fail(reason: Error): void {
    this.failure = reason;
    for (const w of this.waiters.splice(0)) w.reject(reason);
  }

  /** Every epoch's metrics received so far, in order. */
  metrics(from = 0): EpochMetrics[] {
    return this.events.slice(from).flatMap((e) => (e.type === 'metrics' ? e.metrics : []));
  }

  of<T extends EngineEvent['type']>(type: T, from = 0): EventOf<T>[] {
    return this.events.slice(from).filter((e) => e.type === type) as EventOf<T>[];
  }

  /** A ping/pong round trip: every event the host sent before answering has arrived. */
  async sync(): Promise<void> {
    const id = Math.floor(Math.random() * 1e9);
    this.send({ type: 'ping', id });
    await this.waitFor('pong', (e) => e.id === id);
  }

  private receive(message: unknown): void {
    const parsed = parseEvent(message);
    if (!parsed.ok) {
      this.invalid.push(parsed.error);
      return;
    }
    const index = this.events.push(parsed.event) - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index < w.from || !w.match(parsed.event)) return true;
      w.resolve(parsed.event);
      return false;
    });
  }
}

/** The engine host on this thread, behind an in-process port pair. */
export function startHost(): HostClient {
  const [hostEnd, clientEnd] = createPortPair();
  runHost(hostEnd);
  return new HostClient(clientEnd);
}

/** A host in a worker_threads Worker, with its exit code and the errors it raised. */
export interface WorkerHost {
  worker: Worker;
  client: HostClient;
  /** Resolves with the exit code; the client's waits fail from then on. */
  exit: Promise<number>;
  errors: Error[];
}

const WORKER_ENTRY = new URL('./engine-host-worker.ts', import.meta.url);

/**
 * The engine host in a worker_threads Worker (the entry is TypeScript: it runs through tsx's
 * CommonJS hook, `--require tsx/cjs`, because on Node 20 the ESM hooks of `--import tsx` do not
 * reach a worker thread: ERR_UNKNOWN_FILE_EXTENSION).
 */
export function startHostWorker(): WorkerHost {
  const worker = new Worker(WORKER_ENTRY, { execArgv: ['--require', 'tsx/cjs'] });
  const client = new HostClient({
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (receive) => void worker.on('message', receive),
  });
  const errors: Error[] = [];
  worker.on('error', (e) => {
    errors.push(e);
    client.fail(e);
  });
  const exit = new Promise<number>((resolve) =>
    worker.once('exit', (code) => {
      client.fail(new Error(`the worker exited with code ${code}`));
      resolve(code);
    }),
  );
  return { worker, client, exit, errors };
}
