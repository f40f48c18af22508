/**
 * Sandboxed preload: exposes `window.vaeLab` (see VaeLabApi) with one function per action.
 * ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ENGINE_PORT_MESSAGE,
  IPC,
  isMenuCommand,
  type EngineExit,
  type MenuCommand,
  type SessionApi,
  type SweepApi,
  type Unsubscribe,
  type VaeLabApi,
} from '../shared/preload-api';

// The newest engine port, held until the page says it listens (it may load after the port came).
let pendingPort: MessagePort | null = null;
let pageAccepts = false;

function deliverPort(): void {
  if (!pageAccepts || pendingPort === null) return;
  // A MessagePort cannot cross contextBridge; window.postMessage moves it into the main world.
  const targetOrigin = window.location.origin === 'null' ? '*' : window.location.origin;
  window.postMessage(ENGINE_PORT_MESSAGE, targetOrigin, [pendingPort]);
  pendingPort = null;
}

ipcRenderer.on(IPC.enginePort, (event: IpcRendererEvent) => {
  const [port] = event.ports;
  if (port === undefined) return;
  pendingPort?.close();
  pendingPort = port;
  deliverPort();
});

/** Subscribe to one main → page channel, passing only the validated payload to the page. */
function subscribe<T>(
  channel: string,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): Unsubscribe {
  const wrapped = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

function isEngineExit(value: unknown): value is EngineExit {
  if (typeof value !== 'object' || value === null) return false;
  const exit = value as Record<string, unknown>;
  return (
    typeof exit.code === 'number' &&
    typeof exit.gaveUp === 'boolean' &&
    (exit.restartInMs === null || typeof exit.restartInMs === 'number')
  );
}

/** Sessions: each function is one invoke; arguments are passed as they are and checked in main. */
const sessions: SessionApi = {
  list: () => ipcRenderer.invoke(IPC.sessionList),
  load: (place, id) => ipcRenderer.invoke(IPC.sessionLoad, place, id),
  save: (place, id, text) => ipcRenderer.invoke(IPC.sessionSave, place, id, text),
  saveAs: (text, suggestedName) => ipcRenderer.invoke(IPC.sessionSaveAs, text, suggestedName),
  openFile: () => ipcRenderer.invoke(IPC.sessionOpenFile),
  openRecent: () => ipcRenderer.invoke(IPC.sessionOpenRecent),
  duplicate: (place, id) => ipcRenderer.invoke(IPC.sessionDuplicate, place, id),
  rename: (place, id, name) => ipcRenderer.invoke(IPC.sessionRename, place, id, name),
  remove: (id) => ipcRenderer.invoke(IPC.sessionDelete, id),
  restoreBackup: (place, id) => ipcRenderer.invoke(IPC.sessionRestoreBackup, place, id),
  reveal: (place, id) => ipcRenderer.invoke(IPC.sessionReveal, place, id),
  recent: () => ipcRenderer.invoke(IPC.sessionRecent),
  exportModel: (files, suggestedName) => ipcRenderer.invoke(IPC.modelExport, files, suggestedName),
  autosaveSeconds: async () => Number(await ipcRenderer.invoke(IPC.autosaveGet)),
  setAutosaveSeconds: async (seconds) => {
    await ipcRenderer.invoke(IPC.autosaveSet, seconds);
  },
  onCloseRequest: (listener) =>
    subscribe(
      IPC.closeRequest,
      (v): v is undefined => v === undefined,
      () => listener(),
    ),
  closeWindow: () => void ipcRenderer.invoke(IPC.closeWindow),
};

/** Sweeps: each function is one invoke; arguments are checked in main. */
const sweeps: SweepApi = {
  list: () => ipcRenderer.invoke(IPC.sweepList),
  load: (id) => ipcRenderer.invoke(IPC.sweepLoad, id),
  save: (id, text) => ipcRenderer.invoke(IPC.sweepSave, id, text),
  remove: (id) => ipcRenderer.invoke(IPC.sweepDelete, id),
  restoreBackup: (id) => ipcRenderer.invoke(IPC.sweepRestoreBackup, id),
  importFile: () => ipcRenderer.invoke(IPC.sweepImport),
  exportFile: (id, suggestedName) => ipcRenderer.invoke(IPC.sweepExport, id, suggestedName),
};

const api: VaeLabApi = {
  acceptEnginePorts: () => {
    pageAccepts = true;
    deliverPort();
  },
  restartEngine: async () => {
    await ipcRenderer.invoke(IPC.restartEngine);
  },
  onEngineExit: (listener) => subscribe(IPC.engineExit, isEngineExit, listener),
  onMenu: (listener: (command: MenuCommand) => void) => subscribe(IPC.menu, isMenuCommand, listener),
  openExternal: async (url) => (await ipcRenderer.invoke(IPC.openExternal, String(url))) === true,
  sessions,
  sweeps,
};

contextBridge.exposeInMainWorld('vaeLab', api);
