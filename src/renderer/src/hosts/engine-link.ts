/**
 * The Host both platforms share: the current transport to an engine, commands waiting for one,
 * validation of every incoming event, and the listeners of the Host interface. A platform
 * (electron-host.ts, web-host.ts) only says how engines start and how to talk to one.
 */
import type { MenuCommand } from '../../../shared/preload-api';
import { command as makeCommand, type AckEvent, type EngineCommand, type EngineEvent } from '../../../shared/protocol';
import { parseEvent } from '../../../shared/protocol-validate';
import type { EnginePlatform, EngineTransport } from './engine-transport';
import type { EngineStop, Host, HostKind, Transfer, Unsubscribe } from './host';
import { Listeners } from './listeners';

interface Queued {
  command: EngineCommand;
  transfer: Transfer;
}

export class EngineLink implements Host {
  readonly kind: HostKind;
  private readonly events = new Listeners<EngineEvent>();
  private readonly protocolErrors = new Listeners<string>();
  private readonly starts = new Listeners<number>();
  private readonly stops = new Listeners<EngineStop>();
  private readonly menus = new Listeners<MenuCommand>();
  private transport: EngineTransport | null = null;
  private queue: Queued[] = [];
  private generation = 0;
  private unfollow: Unsubscribe = () => undefined;
  /** Acks waiting for the next frame, by event kind (flow control, docs/ARCHITECTURE.md). */
  private readonly acking = new Set<AckEvent>();

  constructor(private readonly platform: EnginePlatform) {
    this.kind = platform.kind;
  }

  /**
   * Before the first engine, commands wait for it. Between a stop and the next engine they are
   * dropped: they were meant for the dead job, and the UI rebuilds the job on the next engine.
   */
  send(command: EngineCommand, transfer: Transfer = []): void {
    if (this.transport !== null) this.transport.send(command, transfer);
    else if (this.generation === 0) this.queue.push({ command, transfer });
  }

  connect(): void {
    this.unfollow = this.platform.start({
      connected: (transport) => this.attach(transport),
      stopped: (stop) => this.detach(stop),
      menu: (command) => this.menus.emit(command),
    });
  }

  async restartEngine(): Promise<void> {
    this.detach(null);
    await this.platform.restart();
  }

  dispose(): void {
    this.unfollow();
    this.closeTransport();
  }

  onEvent(listener: (event: EngineEvent) => void): Unsubscribe {
    return this.events.add(listener);
  }
  onProtocolError(listener: (message: string) => void): Unsubscribe {
    return this.protocolErrors.add(listener);
  }
  onEngineStart(listener: (generation: number) => void): Unsubscribe {
    return this.starts.add(listener);
  }
  onEngineStop(listener: (stop: EngineStop) => void): Unsubscribe {
    return this.stops.add(listener);
  }
  onMenu(listener: (command: MenuCommand) => void): Unsubscribe {
    return this.menus.add(listener);
  }

  /** A new engine is reachable: listen to it, flush what waited, then tell the listeners. */
  private attach(transport: EngineTransport): void {
    this.closeTransport();
    this.transport = transport;
    transport.listen({
      message: (data) => this.receive(data),
      undecodable: () => this.protocolErrors.emit('an engine message could not be deserialised'),
      failed: (reason) => {
        if (this.transport === transport) this.detach({ reason, restartInMs: null });
      },
    });
    const waiting = this.queue;
    this.queue = [];
    for (const { command, transfer } of waiting) transport.send(command, transfer);
    this.generation += 1;
    this.starts.emit(this.generation);
  }

  /** The engine is gone (`stop` says why, or null when the page asked for it). */
  private detach(stop: EngineStop | null): void {
    this.closeTransport();
    if (stop !== null) this.stops.emit(stop);
  }

  private closeTransport(): void {
    const transport = this.transport;
    this.transport = null;
    transport?.close();
  }

  /** Validate one incoming message and hand it on. */
  private receive(data: unknown): void {
    const parsed = parseEvent(data);
    if (!parsed.ok) return this.protocolErrors.emit(parsed.error);
    this.events.emit(parsed.event);
    if (parsed.event.type === 'metrics' || parsed.event.type === 'snapshot') this.ackAfterFrame(parsed.event.type);
  }

  /**
   * Tells the engine, once the page has drawn the frame that shows it, that it may send the next
   * event of this kind: a page that is slow or starved gets fewer, larger messages, never a queue.
   */
  private ackAfterFrame(event: AckEvent): void {
    if (this.acking.has(event)) return;
    this.acking.add(event);
    const transport = this.transport;
    afterFrame(() => {
      this.acking.delete(event);
      if (this.transport === transport && transport !== null) transport.send(makeCommand({ type: 'ack', event }), []);
    });
  }
}

/** The next animation frame where there is one (a page), else a frame's time later (tests in Node). */
function afterFrame(run: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => run());
  else setTimeout(run, 16);
}
