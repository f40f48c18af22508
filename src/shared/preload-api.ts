/**
 * The API the Electron preload exposes to the page as `window.vaeLab`: one function per
 * action, never `ipcRenderer` itself. Channel names live here so main and preload agree.
 */

/** Commands the native menu sends to the page. */
export const MENU_COMMANDS = ['new', 'open', 'save', 'save-as', 'train-toggle', 'step', 'reset'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * `data` of the window `message` event that carries the engine's MessagePort (in `event.ports[0]`).
 * A MessagePort cannot cross the context bridge, so the preload hands it over with
 * `window.postMessage`; the page must check `event.source === window` and this value.
 */
export const ENGINE_PORT_MESSAGE = 'vae-lab:engine-port';

/** Sent to the page when the engine process ends without being asked to. */
export interface EngineExit {
  /** Exit code of the engine process (non-zero after a crash). */
  code: number;
  /** Milliseconds until the automatic restart, or null when no restart follows. */
  restartInMs: number | null;
  /** True when the engine crashed too often and main stopped restarting it; `restartEngine()` tries again. */
  gaveUp: boolean;
}

/** IPC channel names between main and preload; nothing else uses them. */
export const IPC = {
  restartEngine: 'vae-lab:restart-engine',
  openExternal: 'vae-lab:open-external',
  enginePort: 'vae-lab:engine-port',
  engineExit: 'vae-lab:engine-exit',
  menu: 'vae-lab:menu',
} as const;

/** Unsubscribes a listener registered with an `on…` function. */
export type Unsubscribe = () => void;

export interface VaeLabApi {
  /**
   * Start receiving engine ports. Add the window `message` listener for
   * {@link ENGINE_PORT_MESSAGE} first, then call this: the current port (if any) arrives at once,
   * and a new one after every engine restart (the previous port is then dead).
   */
  acceptEnginePorts(): void;
  /** Kill the engine process if it runs and start a fresh one (also after main gave up). */
  restartEngine(): Promise<void>;
  /** Called when the engine process exits unexpectedly. */
  onEngineExit(listener: (exit: EngineExit) => void): Unsubscribe;
  /** Called when the user picks a menu item that acts on the page. */
  onMenu(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Open an allow-listed https link in the system browser; false when the link is refused. */
  openExternal(url: string): Promise<boolean>;
}

/** True for strings that are one of {@link MENU_COMMANDS}. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
