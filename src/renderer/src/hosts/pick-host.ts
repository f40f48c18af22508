import type { VaeLabApi } from '../../../shared/preload-api';
import type { PortWindow } from './electron-host';
import type { Host } from './host';

/** The preload's API when this page runs inside the desktop app. */
function preloadApi(): VaeLabApi | undefined {
  return (window as Window & { vaeLab?: VaeLabApi }).vaeLab;
}

/** Electron when the preload exposed window.vaeLab, the Web Worker host otherwise. Each is loaded on demand. */
export async function pickHost(): Promise<Host> {
  const api = preloadApi();
  if (api !== undefined) {
    const { ElectronHost } = await import('./electron-host');
    return new ElectronHost(api, window as unknown as PortWindow);
  }
  const [{ WebHost }, { createEngineWorker }] = await Promise.all([import('./web-host'), import('./create-engine-worker')]);
  return new WebHost(createEngineWorker);
}
