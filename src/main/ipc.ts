import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC } from '../shared/preload-api';
import { isAllowedExternalUrl } from './external-url';
import { isTrustedSender } from './trusted-sender';

type Handler = (...args: unknown[]) => unknown;

/** `ipcMain.handle`, refusing any sender frame that is not our app page (or the dev server in dev). */
export function handleTrusted(channel: string, devOrigin: string | undefined, handler: Handler): void {
  ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const frameUrl = event.senderFrame?.url;
    if (!isTrustedSender(frameUrl, devOrigin)) {
      throw new Error(`Refused IPC "${channel}" from untrusted sender ${frameUrl ?? '(gone)'}`);
    }
    return handler(...args);
  });
}

export interface IpcActions {
  restartEngine(): void;
}

/** Register every action the preload exposes; each checks its sender. */
export function registerIpc(actions: IpcActions, devOrigin: string | undefined): void {
  handleTrusted(IPC.restartEngine, devOrigin, () => actions.restartEngine());
  handleTrusted(IPC.openExternal, devOrigin, async (url) => {
    if (typeof url !== 'string' || !isAllowedExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  });
}
