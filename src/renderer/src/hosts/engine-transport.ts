/**
 * What a platform plugs into the EngineLink: a transport per running engine (a MessagePort in
 * the desktop app, a Worker in the web build), and a platform that starts engines.
 */
import type { MenuCommand } from '../../../shared/preload-api';
import type { EngineCommand } from '../../../shared/protocol';
import type { EngineStop, HostKind, Transfer, Unsubscribe } from './host';

/** What a transport reports to its listener. */
export interface TransportEvents {
  /** A message from the engine, not validated yet. */
  message(data: unknown): void;
  /** A message arrived that could not be deserialised. */
  undecodable(): void;
  /** The engine behind this transport failed (why, in words); the link closes the transport. */
  failed(reason: string): void;
}

/** One connection to one running engine. */
export interface EngineTransport {
  send(command: EngineCommand, transfer: Transfer): void;
  listen(events: TransportEvents): void;
  /** Stop listening and let the engine go (a Worker is terminated, a port closed). */
  close(): void;
}

/** What a platform reports to the link. */
export interface PlatformEvents {
  /** A new engine is reachable; it replaces the previous one. */
  connected(transport: EngineTransport): void;
  /** The engine ended without being asked to. */
  stopped(stop: EngineStop): void;
  /** A menu item that acts on the page (desktop only). */
  menu(command: MenuCommand): void;
}

/** Where engines come from. */
export interface EnginePlatform {
  readonly kind: HostKind;
  /** Start the first engine, and report to `events` until the returned function is called. */
  start(events: PlatformEvents): Unsubscribe;
  /** Start a fresh engine (the link has closed the old transport); it arrives through `connected`. */
  restart(): Promise<void>;
}
