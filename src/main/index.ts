/**
 * Electron main process: one secure window, the `app://` protocol, menus, preferences, and the
 * engine host in a utility process. Main never trains.
 */
import { join } from 'node:path';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import enginePath from '../engine-host/utility-entry?modulePath';
import { IPC } from '../shared/preload-api';
import { APP_INDEX_URL } from './app-path';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import type { EngineSupervisor } from './engine-supervisor';
import { superviseEngine } from './engine-process';
import { LEARN_ABOUT_VAES_URL } from './external-url';
import { registerIpc } from './ipc';
import { createMainWindow, rememberWindowState } from './main-window';
import { buildMenuTemplate } from './menu';
import { openPreferenceStore, type Preferences } from './preference-store';
import { RecentPick, askBeforeClose, registerSessionIpc } from './session-ipc';
import { SessionService } from './session-service';
import { registerSweepIpc } from './sweep-ipc';
import { SweepService } from './sweep-service';
import type Store from 'electron-store';
import { addCspToHttpResponses, denyAllPermissions } from './session-security';
import { hardenWebContents } from './web-contents-security';

/** Set by `electron-vite dev` only; a packaged or built app always loads `app://`. */
const DEV_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const DEV_ORIGIN = DEV_URL === undefined ? undefined : new URL(DEV_URL).origin;

let mainWindow: BrowserWindow | null = null;
let engine: EngineSupervisor | null = null;
let preferenceStore: Store<Preferences> | null = null;

/** One store for the app's life: two instances on one file would overwrite each other's keys. */
function preferences(): Store<Preferences> {
  preferenceStore ??= openPreferenceStore(app.getPath('userData'));
  return preferenceStore;
}

/** Sessions live in `<userData>/sessions`; Delete moves to the system trash. */
const recentPick = new RecentPick();

function startSessions(): void {
  const service = new SessionService({
    folder: join(app.getPath('userData'), 'sessions'),
    trash: (path) => shell.trashItem(path),
  });
  const removed = service.start();
  if (removed.length > 0) console.warn(`VAE Lab: removed ${removed.length} temp file(s) of saves cut short.`);
  const store = preferences();
  registerSessionIpc(
    service,
    {
      recent: () => store.get('recentSessions'),
      setRecent: (paths) => store.set('recentSessions', paths),
      autosaveSeconds: () => store.get('autosaveSeconds'),
      setAutosaveSeconds: (seconds) => store.set('autosaveSeconds', seconds),
    },
    () => mainWindow,
    DEV_ORIGIN,
    { recentChanged: () => installMenu(), recentPick },
  );
  // Sweeps live beside sessions, in `<userData>/sweeps`, under the same writer and rules.
  const sweeps = new SweepService({
    folder: join(app.getPath('userData'), 'sweeps'),
    trash: (path) => shell.trashItem(path),
  });
  const strays = sweeps.start();
  if (strays.length > 0) console.warn(`VAE Lab: removed ${strays.length} temp file(s) of sweep saves cut short.`);
  registerSweepIpc(sweeps, () => mainWindow, DEV_ORIGIN);
}

function openWindow(): void {
  const window = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    savedState: preferences().get('window'),
    isDev: DEV_ORIGIN !== undefined,
  });
  rememberWindowState(window, (state) => preferences().set('window', state));
  askBeforeClose(window);
  const supervisor = superviseEngine(window, enginePath);
  // Every (re)load gets a fresh engine and port: the old page's port died with it.
  window.webContents.on('did-finish-load', () => supervisor.start());
  window.on('closed', () => {
    supervisor.stop();
    mainWindow = null;
    engine = null;
  });
  mainWindow = window;
  engine = supervisor;
  void window.loadURL(DEV_URL ?? APP_INDEX_URL);
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      send: (command) => mainWindow?.webContents.send(IPC.menu, command),
      openRecent: (path) => {
        recentPick.choose(path);
        mainWindow?.webContents.send(IPC.menu, 'open-recent');
      },
      openLearnLink: () => void shell.openExternal(LEARN_ABOUT_VAES_URL),
      showAbout: () => app.showAboutPanel(),
    },
    {
      isDev: DEV_ORIGIN !== undefined,
      isMac: process.platform === 'darwin',
      recent: preferences().get('recentSessions'),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function onReady(): void {
  denyAllPermissions(session.defaultSession);
  addCspToHttpResponses(session.defaultSession, DEV_ORIGIN);
  serveAppProtocol(join(__dirname, '../renderer'));
  app.setAboutPanelOptions({ applicationName: 'VAE Lab', applicationVersion: app.getVersion() });
  registerIpc({ restartEngine: () => engine?.restart() }, DEV_ORIGIN);
  startSessions();
  installMenu();
  openWindow();
}

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openWindow();
  });
  void app.whenReady().then(onReady);
}
