/**
 * Host of the desktop app: the engine runs in an Electron utility process; its MessagePort
 * arrives through the preload (window.vaeLab) as a window message, again after every restart.
 */
import type { EngineCommand } from '../../../shared/protocol';
import { ENGINE_PORT_MESSAGE, type EngineExit, type VaeLabApi } from '../../../shared/preload-api';
import { EngineLink } from './engine-link';
import type { EngineStop, Host, Transfer } from './host';

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
  addEventListener(type: 'message', listener: (event: { data: unknown; source: unknown; ports: readonly EnginePort[] }) => void): void;
}

/** "exit code 1", plus what happens next. */
export function describeExit(exit: EngineExit): EngineStop {
  return { reason: `exit code ${exit.code}`, restartInMs: exit.gaveUp ? null : exit.restartInMs };
}

export class ElectronHost implements Host {
  readonly kind = 'electron';
  private readonly link = new EngineLink();
  private port: EnginePort | null = null;

  constructor(
    private readonly api: VaeLabApi,
    private readonly win: PortWindow,
  ) {}

  send(command: EngineCommand, transfer: Transfer = []): void {
    this.link.send(command, transfer);
  }
  onEvent = this.link.onEvent;
  onProtocolError = this.link.onProtocolError;
  onEngineStart = this.link.onEngineStart;
  onEngineStop = this.link.onEngineStop;
  onMenu = this.link.onMenu;

  connect(): void {
    this.win.addEventListener('message', (event) => {
      // Only the preload, running in this window, may hand over a port.
      if (event.source !== this.win || event.data !== ENGINE_PORT_MESSAGE) return;
      const [port] = event.ports;
      if (port !== undefined) this.usePort(port);
    });
    this.api.onEngineExit((exit) => {
      this.dropPort();
      this.link.detach(describeExit(exit));
    });
    this.api.onMenu((command) => this.link.menu.emit(command));
    this.api.acceptEnginePorts();
  }

  async restartEngine(): Promise<void> {
    this.dropPort();
    this.link.detach(null);
    await this.api.restartEngine(); // the new port arrives as a window message
  }

  private usePort(port: EnginePort): void {
    this.dropPort();
    this.port = port;
    port.onmessage = (event) => this.link.receive(event.data);
    this.link.attach((message, transfer) => port.postMessage(message, transfer));
  }

  private dropPort(): void {
    if (this.port === null) return;
    this.port.onmessage = null;
    this.port.close();
    this.port = null;
  }
}
