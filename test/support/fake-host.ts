/**
 * A Host for the renderer's state classes, with no engine behind it: it records the commands the
 * page sends, and the test plays the engine and the platform (events, engine starts and stops,
 * menu items). Frames are played by hand too, so live-edit pacing can be checked exactly.
 */
import type { MenuCommand } from '../../src/shared/preload-api';
import { event, type EngineCommand, type EngineEvent } from '../../src/shared/protocol';
import type { EngineStop, Host, Unsubscribe } from '../../src/renderer/src/hosts/host';
import type { NextFrame } from '../../src/renderer/src/state/live-edits';

type Listener<T> = (value: T) => void;
/** An engine event without its protocol envelope. */
type EventBody = { [K in EngineEvent['type']]: Omit<Extract<EngineEvent, { type: K }>, 'v'> }[EngineEvent['type']];

function listeners<T>() {
  const set = new Set<Listener<T>>();
  return {
    add(l: Listener<T>): Unsubscribe {
      set.add(l);
      return () => void set.delete(l);
    },
    emit(value: T): void {
      for (const l of set) l(value);
    },
  };
}

export class FakeHost implements Host {
  readonly kind = 'web';
  /** Every command sent, oldest first. */
  readonly sent: EngineCommand[] = [];
  connected = false;
  restarts = 0;
  private readonly events = listeners<EngineEvent>();
  private readonly errors = listeners<string>();
  private readonly starts = listeners<number>();
  private readonly stops = listeners<EngineStop>();
  private readonly menus = listeners<MenuCommand>();
  private generation = 0;

  send(command: EngineCommand): void {
    this.sent.push(command);
  }
  onEvent = (l: Listener<EngineEvent>) => this.events.add(l);
  onProtocolError = (l: Listener<string>) => this.errors.add(l);
  onEngineStart = (l: Listener<number>) => this.starts.add(l);
  onEngineStop = (l: Listener<EngineStop>) => this.stops.add(l);
  onMenu = (l: Listener<MenuCommand>) => this.menus.add(l);
  connect(): void {
    this.connected = true;
  }
  async restartEngine(): Promise<void> {
    this.restarts += 1;
  }
  dispose(): void {
    this.connected = false;
  }

  /** The platform: an engine is up (the first, or a restarted one). */
  engineStarts(): void {
    this.generation += 1;
    this.starts.emit(this.generation);
  }
  /** The platform: the engine ended without being asked to. */
  engineStops(stop: EngineStop): void {
    this.stops.emit(stop);
  }
  /** The engine: one event, as the link would hand it on after validation. */
  emit(e: EventBody): void {
    this.events.emit(event(e) as EngineEvent);
  }
  menu(item: MenuCommand): void {
    this.menus.emit(item);
  }

  /** The types of the commands sent, oldest first (`from` skips the earlier ones). */
  types(from = 0): string[] {
    return this.sent.slice(from).map((c) => c.type);
  }
  /** The commands of one type. */
  of<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }>[] {
    return this.sent.filter((c): c is Extract<EngineCommand, { type: T }> => c.type === type);
  }
}

/** Animation frames the test plays with `next()`. */
export class FakeFrames {
  private queue: (() => void)[] = [];
  readonly nextFrame: NextFrame = (run) => {
    this.queue.push(run);
    return () => {
      this.queue = this.queue.filter((r) => r !== run);
    };
  };
  get waiting(): number {
    return this.queue.length;
  }
  /** Run the callbacks waiting for the next frame. */
  next(): void {
    const due = this.queue;
    this.queue = [];
    for (const run of due) run();
  }
}
