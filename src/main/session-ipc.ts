/**
 * The IPC side of sessions: every preload session function has one handler here; each checks
 * its sender (handleTrusted) and its arguments (place, generated id, name ≤ 200 characters,
 * text) and answers with a SessionResult, so the page gets a message instead of a thrown error.
 * Dialogs, trash and reveal are Electron's; the disk work is SessionService's.
 */
import { basename } from 'node:path';
import { dialog, shell, type BrowserWindow } from 'electron';
import { IPC } from '../shared/preload-api';
import { SESSION_EXTENSION } from '../shared/session';
import { isSessionId, type SessionPlace, type SessionSummary } from '../shared/session-summary';
import { handleTrusted } from './ipc';
import { exportModelToFolder } from './model-export';
import { answer, SessionServiceError } from './library-files';
import { SessionService } from './session-service';

export const MAX_RECENT = 10;
export const AUTOSAVE_LIMIT = { min: 0, max: 3600 } as const;

/** Where the recent list and the autosave preference are kept (electron-store in the app). */
export interface SessionPreferences {
  recent(): string[];
  setRecent(paths: string[]): void;
  autosaveSeconds(): number;
  setAutosaveSeconds(seconds: number): void;
}

const FILTERS = [{ name: 'VAE Lab session', extensions: [SESSION_EXTENSION.slice(1)] }];

/** `paths` with `path` first, without duplicates, at most MAX_RECENT. */
export function withRecent(paths: readonly string[], path: string): string[] {
  return [path, ...paths.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

function place(value: unknown): SessionPlace {
  if (value !== 'library' && value !== 'file')
    throw new SessionServiceError('a session is in the library or in a file');
  return value;
}

function id(value: unknown): string {
  if (!isSessionId(value)) throw new SessionServiceError('not a session id');
  return value;
}

/** The file picked in File ▸ Open Recent, kept until the page asks for it (the page never sends paths). */
export class RecentPick {
  private path: string | null = null;

  choose(path: string): void {
    this.path = path;
  }

  take(): string | null {
    const path = this.path;
    this.path = null;
    return path;
  }
}

export interface SessionIpcHooks {
  /** The recent list changed (rebuild the Open Recent menu). */
  recentChanged?(): void;
  recentPick?: RecentPick;
}

export function registerSessionIpc(
  service: SessionService,
  prefs: SessionPreferences,
  window: () => BrowserWindow | null,
  devOrigin: string | undefined,
  hooks: SessionIpcHooks = {},
): void {
  handleTrusted(IPC.closeWindow, devOrigin, () => {
    const win = window();
    if (win !== null) allowClose(win);
  });
  const remember = (path: string) => {
    prefs.setRecent(withRecent(prefs.recent(), path));
    hooks.recentChanged?.();
  };
  const handle = (channel: string, handler: (...args: unknown[]) => unknown) =>
    handleTrusted(channel, devOrigin, handler);

  handle(IPC.sessionList, () => answer(() => service.list()));
  handle(IPC.sessionLoad, (p, i) => answer(() => service.open(place(p), id(i))));
  /** A write to a file the user did not pick in this run (a recent file) needs their yes in a dialog of ours. */
  const allowWrite = async (where: SessionPlace, which: string, action: string): Promise<void> => {
    if (service.canWrite(where, which)) return;
    const path = service.pathOf(where, which);
    const win = window();
    const options = {
      type: 'question' as const,
      buttons: [action, 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      message: `${action} ${basename(path)}?`,
      detail: `VAE Lab will write to ${path}.`,
    };
    const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    if (response !== 0) throw new SessionServiceError(`${basename(path)} was not changed`);
    service.grantWrite(which);
  };
  handle(IPC.sessionSave, (p, i, text) =>
    answer(async () => {
      const where = place(p);
      if (i !== null) await allowWrite(where, id(i), 'Save changes to');
      return service.save(where, i === null ? null : id(i), text);
    }),
  );
  handle(IPC.sessionDuplicate, (p, i) => answer(() => service.duplicate(place(p), id(i))));
  handle(IPC.sessionRename, (p, i, name) =>
    answer(
      async () => (await allowWrite(place(p), id(i), 'Rename the session in'), service.rename(place(p), id(i), name)),
    ),
  );
  handle(IPC.sessionDelete, (i) => answer(async () => (await service.remove(id(i)), null)));
  handle(IPC.sessionRestoreBackup, (p, i) =>
    answer(
      async () => (await allowWrite(place(p), id(i), 'Restore the backup of'), service.restoreBackup(place(p), id(i))),
    ),
  );
  handle(IPC.sessionReveal, (p, i) => answer(() => (shell.showItemInFolder(service.pathOf(place(p), id(i))), null)));
  handle(IPC.sessionSaveAs, (text, suggested) =>
    answer(async (): Promise<SessionSummary | null> => {
      const name = typeof suggested === 'string' ? suggested.slice(0, 200).replace(/[/\\:\0]/g, '_') : 'session';
      const win = window();
      const options = { defaultPath: name + SESSION_EXTENSION, filters: FILTERS };
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return null;
      const summary = await service.saveToPath(picked.filePath, text);
      remember(picked.filePath);
      return summary;
    }),
  );
  handle(IPC.sessionOpenFile, () =>
    answer(async () => {
      const win = window();
      const options = { properties: ['openFile' as const], filters: FILTERS };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = picked.filePaths[0];
      if (picked.canceled || path === undefined) return null;
      const opened = service.openPath(path);
      remember(path);
      return opened;
    }),
  );
  handle(IPC.sessionOpenRecent, () =>
    answer(() => {
      const path = hooks.recentPick?.take() ?? null;
      if (path === null) return null;
      const opened = service.openPath(path);
      remember(path);
      return opened;
    }),
  );
  // Recent files get read-only ids; the page opens them by id, never by path.
  handle(IPC.sessionRecent, () => answer(() => service.recent(prefs.recent())));
  handle(IPC.modelExport, (files, suggested) =>
    answer(() =>
      exportModelToFolder(
        {
          pickFolder: async (name) => {
            const win = window();
            const options = {
              title: `Export ${name} into a folder`,
              buttonLabel: 'Export here',
              properties: ['openDirectory' as const, 'createDirectory' as const],
            };
            const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
            return picked.canceled ? null : (picked.filePaths[0] ?? null);
          },
        },
        files,
        suggested,
      ),
    ),
  );
  handle(IPC.autosaveGet, () => prefs.autosaveSeconds());
  handle(IPC.autosaveSet, (seconds) => {
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < AUTOSAVE_LIMIT.min ||
      seconds > AUTOSAVE_LIMIT.max
    )
      return;
    prefs.setAutosaveSeconds(seconds);
  });
}

const allowedToClose = new WeakSet<BrowserWindow>();

function allowClose(win: BrowserWindow): void {
  allowedToClose.add(win);
  if (!win.isDestroyed()) win.close();
}

/**
 * Ask the page before the window closes (it autosaves, then calls closeWindow); a page that
 * does not answer within `timeoutMs` does not keep the window open.
 */
export function askBeforeClose(win: BrowserWindow, timeoutMs = 10_000): void {
  win.on('close', (event) => {
    if (allowedToClose.has(win) || win.webContents.isCrashed()) return;
    event.preventDefault();
    win.webContents.send(IPC.closeRequest);
    setTimeout(() => allowClose(win), timeoutMs);
  });
}
