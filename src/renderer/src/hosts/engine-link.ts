/**
 * What both hosts share: the current connection to an engine, commands waiting for one,
 * validation of every incoming event, and the listeners of the Host interface.
 */
import type { EngineCommand, EngineEvent } from '../../../shared/protocol';
import { parseEvent } from '../../../shared/protocol-validate';
import type { MenuCommand } from '../../../shared/preload-api';
import type { EngineStop, Transfer, Unsubscribe } from './host';
import { Listeners } from './listeners';

/** Posts one message to the connected engine (a MessagePort or a Worker). */
export type Post = (message: EngineCommand, transfer: Transfer) => void;

interface Queued {
  command: EngineCommand;
  transfer: Transfer;
}

export class EngineLink {
  readonly events = new Listeners<EngineEvent>();
  readonly protocolErrors = new Listeners<string>();
  readonly starts = new Listeners<number>();
  readonly stops = new Listeners<EngineStop>();
  readonly menu = new Listeners<MenuCommand>();
  private post: Post | null = null;
  private queue: Queued[] = [];
  private generation = 0;

  /**
   * Before the first engine, commands wait for it. Between a stop and the next engine they are
   * dropped: they were meant for the dead job, and the UI rebuilds the job on the next engine.
   */
  send(command: EngineCommand, transfer: Transfer = []): void {
    if (this.post !== null) this.post(command, transfer);
    else if (this.generation === 0) this.queue.push({ command, transfer });
  }

  /** A new engine is reachable through `post`: flush what waited, then tell the listeners. */
  attach(post: Post): void {
    this.post = post;
    const waiting = this.queue;
    this.queue = [];
    for (const { command, transfer } of waiting) post(command, transfer);
    this.generation += 1;
    this.starts.emit(this.generation);
  }

  /** The engine is gone (`stop` says why, or null when the page asked for it). */
  detach(stop: EngineStop | null): void {
    this.post = null;
    if (stop !== null) this.stops.emit(stop);
  }

  /** Validate one incoming message and hand it on. */
  receive(data: unknown): void {
    const parsed = parseEvent(data);
    if (parsed.ok) this.events.emit(parsed.event);
    else this.protocolErrors.emit(parsed.error);
  }

  onEvent = (listener: (event: EngineEvent) => void): Unsubscribe => this.events.add(listener);
  onProtocolError = (listener: (message: string) => void): Unsubscribe => this.protocolErrors.add(listener);
  onEngineStart = (listener: (generation: number) => void): Unsubscribe => this.starts.add(listener);
  onEngineStop = (listener: (stop: EngineStop) => void): Unsubscribe => this.stops.add(listener);
  onMenu = (listener: (command: MenuCommand) => void): Unsubscribe => this.menu.add(listener);
}
