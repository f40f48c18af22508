import { BrowserWindow, screen } from 'electron';
import { MIN_WINDOW_SIZE, sanitizeWindowState, type WindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** Saved state; sanitised here against the current displays. */
  savedState: unknown;
  isDev: boolean;
}

/** The one application window, with Electron's secure defaults spelled out rather than assumed. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = sanitizeWindowState(options.savedState, workAreas);
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'VAE Lab',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in a new window; the open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.isDev,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Call `save` with the window's normal (un-maximised) bounds when it closes. */
export function rememberWindowState(window: BrowserWindow, save: (state: WindowState) => void): void {
  window.on('close', () => {
    save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
}
