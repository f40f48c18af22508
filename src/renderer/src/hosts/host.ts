/**
 * The renderer's one door to the outside world (docs/ARCHITECTURE.md, Processes): engine
 * commands out, engine events in, menu items, and the platform actions around the engine. Two implementations:
 * ElectronHost (engine in a utility process, port from the preload) and WebHost (engine in a
 * Web Worker).
 */
import type { EngineCommand, EngineEvent } from '../../../shared/protocol';
import type { MenuCommand } from '../../../shared/preload-api';

export type HostKind = 'electron' | 'web';

/** Why and how the engine stopped, in words a user can read. */
export interface EngineStop {
  /** e.g. "exit code 1" or "worker error: Uncaught Error: boom". */
  reason: string;
  /** Milliseconds until the platform restarts it by itself, or null when only the user can. */
  restartInMs: number | null;
}

/** Buffers that move to the engine instead of being copied (the protocol transfers only ArrayBuffers). */
export type Transfer = ArrayBuffer[];

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

export interface Host {
  readonly kind: HostKind;
  /**
   * Send one command to the engine. Commands sent before the first engine is up wait for it;
   * commands sent while the engine is down (between a stop and the restart) are dropped.
   */
  send(command: EngineCommand, transfer?: Transfer): void;
  /** Validated engine events; malformed ones never reach the listener (see onProtocolError). */
  onEvent(listener: (event: EngineEvent) => void): Unsubscribe;
  /** A message from the engine failed validation; the text names the field and the reason. */
  onProtocolError(listener: (message: string) => void): Unsubscribe;
  /** A fresh engine is connected: `generation` is 1 for the first, 2 after the first restart… */
  onEngineStart(listener: (generation: number) => void): Unsubscribe;
  /** The engine ended without being asked to (crash, error, killed). */
  onEngineStop(listener: (stop: EngineStop) => void): Unsubscribe;
  /** Menu items that act on the page (Electron only; the web host never calls it). */
  onMenu(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Kill the engine if it runs and start a fresh one; onEngineStart follows. */
  restartEngine(): Promise<void>;
  /** Start the first engine; call after the listeners are registered. */
  connect(): void;
  /** The page goes away: let the engine go and stop listening to the platform (no stop is reported). */
  dispose(): void;
}
