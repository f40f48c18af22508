/**
 * The IPC side of sweeps: one handler per preload sweep function; each checks its sender
 * (handleTrusted) and its arguments (a generated id, text) and answers with a SessionResult.
 * Dialogs and trash are Electron's; the disk work is SweepService's. Main writes only to library
 * sweeps it created and to the path the user picked in the Save dialog.
 */
import { dialog, type BrowserWindow } from 'electron';
import { IPC } from '../shared/preload-api';
import { isSessionId } from '../shared/session-summary';
import { SWEEP_EXTENSION } from '../shared/sweep';
import { handleTrusted } from './ipc';
import { answer, SessionServiceError } from './library-files';
import { SweepService } from './sweep-service';

const FILTERS = [{ name: 'VAE Lab sweep', extensions: [SWEEP_EXTENSION.slice(1)] }];

function id(value: unknown): string {
  if (!isSessionId(value)) throw new SessionServiceError('not a sweep id');
  return value;
}

export function registerSweepIpc(
  service: SweepService,
  window: () => BrowserWindow | null,
  devOrigin: string | undefined,
): void {
  const handle = (channel: string, handler: (...args: unknown[]) => unknown) =>
    handleTrusted(channel, devOrigin, handler);
  handle(IPC.sweepList, () => answer(() => service.list()));
  handle(IPC.sweepLoad, (i) => answer(() => service.open(id(i))));
  handle(IPC.sweepSave, (i, text) => answer(() => service.save(i === null ? null : id(i), text)));
  handle(IPC.sweepDelete, (i) => answer(async () => (await service.remove(id(i)), null)));
  handle(IPC.sweepRestoreBackup, (i) => answer(() => service.restoreBackup(id(i))));
  handle(IPC.sweepImport, () =>
    answer(async () => {
      const win = window();
      const options = { properties: ['openFile' as const], filters: FILTERS };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = picked.filePaths[0];
      if (picked.canceled || path === undefined) return null;
      return service.importPath(path);
    }),
  );
  handle(IPC.sweepExport, (i, suggested) =>
    answer(async () => {
      const which = id(i);
      const name = typeof suggested === 'string' ? suggested.slice(0, 200).replace(/[/\\:\0]/g, '_') : 'sweep';
      const win = window();
      const options = { defaultPath: name + SWEEP_EXTENSION, filters: FILTERS };
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return null;
      const warning = await service.exportToPath(which, picked.filePath);
      return warning === null ? picked.filePath : `${picked.filePath} (${warning})`;
    }),
  );
}
