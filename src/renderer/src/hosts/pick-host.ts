import type { VaeLabApi } from '../../../shared/preload-api';
import type { PortWindow } from './electron-host';
import type { Host } from './host';
import type { SessionStore } from './session-store';

/** What the page talks to: the engine and menus (Host), and where sessions are kept. */
export interface Platform {
  host: Host;
  store: SessionStore;
  /** A new engine host for one run of a sweep: a Web Worker in both builds (the lab's own engine is untouched). */
  runHost: () => Host;
}

/** The preload's API when this page runs inside the desktop app. */
function preloadApi(): VaeLabApi | undefined {
  return (window as Window & { vaeLab?: VaeLabApi }).vaeLab;
}

/**
 * The desktop app's host and session store when the preload exposed window.vaeLab, the Web
 * Worker host and browser storage otherwise. Each is loaded on demand. The only reader of
 * window.vaeLab in the renderer.
 */
export async function pickHost(): Promise<Platform> {
  const api = preloadApi();
  if (api !== undefined) {
    const [{ ElectronHost }, { ElectronSessionStore }, { WebSessionStore }, { WebHost }, { createEngineWorker }] =
      await Promise.all([
        import('./electron-host'),
        import('./electron-session-store'),
        import('./web-session-store'),
        import('./web-host'),
        import('./create-engine-worker'),
      ]);
    const store = api.sessions !== undefined ? new ElectronSessionStore(api.sessions) : new WebSessionStore();
    const runHost = () => new WebHost(createEngineWorker);
    return { host: new ElectronHost(api, window as unknown as PortWindow), store, runHost };
  }
  const [{ WebHost }, { createEngineWorker }, { WebSessionStore }] = await Promise.all([
    import('./web-host'),
    import('./create-engine-worker'),
    import('./web-session-store'),
  ]);
  return {
    host: new WebHost(createEngineWorker),
    store: new WebSessionStore(),
    runHost: () => new WebHost(createEngineWorker),
  };
}
