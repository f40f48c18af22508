/** A test-side client of the engine host: validates every event and waits for the ones asked for. */
import { command, type EngineCommand, type EngineEvent, type EpochMetrics } from '../src/shared/protocol';
import { parseEvent } from '../src/shared/protocol-validate';
import type { HostPort } from '../src/engine-host/port';

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
  waitFor<T extends EngineEvent['type']>(type: T, pred: (e: EventOf<T>) => boolean = () => true, from = this.events.length): Promise<EventOf<T>> {
    const match = (e: EngineEvent): boolean => e.type === type && pred(e as EventOf<T>);
    const found = this.events.slice(from).find(match);
    if (found) return Promise.resolve(found as EventOf<T>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ from, match, resolve: (e) => resolve(e as EventOf<T>), reject }));
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
