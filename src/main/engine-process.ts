import { MessageChannelMain, utilityProcess, type BrowserWindow, type MessagePortMain } from 'electron';
import { IPC } from '../shared/preload-api';
import { EngineSupervisor } from './engine-supervisor';

/**
 * Supervise the engine host for `window`: a utility process started from `enginePath`
 * (the built `engine-host/utility-entry`), with its MessagePort handed straight to the page.
 */
export function superviseEngine(window: BrowserWindow, enginePath: string): EngineSupervisor {
  const contents = window.webContents;
  return new EngineSupervisor({
    fork: () => utilityProcess.fork(enginePath, [], { serviceName: 'VAE Lab engine' }),
    createChannel: () => new MessageChannelMain(),
    sendPortToPage: (port) => {
      if (!contents.isDestroyed()) contents.postMessage(IPC.enginePort, null, [port as MessagePortMain]);
    },
    notifyPage: (exit) => {
      if (!contents.isDestroyed()) contents.send(IPC.engineExit, exit);
    },
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
}
