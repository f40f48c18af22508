/**
 * Host of the desktop app: the engine runs in an Electron utility process; its MessagePort
 * arrives through the preload as a window message, again after every restart.
 */
import type { EngineCommand } from '../../../shared/protocol';
import { ENGINE_PORT_MESSAGE, type EngineExit, type VaeLabApi } from '../../../shared/preload-api';
import { EngineLink } from './engine-link';
import type { EnginePlatform, EngineTransport, PlatformEvents, TransportEvents } from './engine-transport';
import type { EngineStop, Transfer, Unsubscribe } from './host';

/**
 * The parts of the page's MessagePort and window used here, described structurally so this
 * file's tests can pass fakes; the real `window` and its ports fit them.
 */
export interface EnginePort {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer: Transfer): void;
  close(): void;
}
export interface PortWindow {
  addEventListener(
    type: 'message',
    listener: (event: { data: unknown; source: unknown; ports: readonly EnginePort[] }) => void,
  ): void;
}

/** "exit code 1", plus what happens next. */
export function describeExit(exit: EngineExit): EngineStop {
  return { reason: `exit code ${exit.code}`, restartInMs: exit.gaveUp ? null : exit.restartInMs };
}

class PortTransport implements EngineTransport {
  constructor(private readonly port: EnginePort) {}

  send(command: EngineCommand, transfer: Transfer): void {
    this.port.postMessage(command, transfer);
  }

  listen(events: TransportEvents): void {
    this.port.onmessage = (event) => events.message(event.data);
  }

  close(): void {
    this.port.onmessage = null;
    this.port.close();
  }
}

class PreloadPlatform implements EnginePlatform {
  readonly kind = 'electron';

  constructor(
    private readonly api: VaeLabApi,
    private readonly win: PortWindow,
  ) {}

  start(events: PlatformEvents): Unsubscribe {
    let listening = true;
    this.win.addEventListener('message', (event) => {
      // Only the preload, running in this window, may hand over a port.
      if (!listening || event.source !== this.win || event.data !== ENGINE_PORT_MESSAGE) return;
      const [port] = event.ports;
      if (port !== undefined) events.connected(new PortTransport(port));
    });
    const unfollowExit = this.api.onEngineExit((exit) => events.stopped(describeExit(exit)));
    const unfollowMenu = this.api.onMenu((command) => events.menu(command));
    this.api.acceptEnginePorts();
    return () => {
      listening = false;
      unfollowExit();
      unfollowMenu();
    };
  }

  /** The new port arrives as a window message. */
  restart(): Promise<void> {
    return this.api.restartEngine();
  }
}

export class ElectronHost extends EngineLink {
  constructor(api: VaeLabApi, win: PortWindow) {
    super(new PreloadPlatform(api, win));
  }
}
