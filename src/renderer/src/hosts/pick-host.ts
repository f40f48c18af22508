import type { VaeLabApi } from '../../../shared/preload-api';
import type { PortWindow } from './electron-host';
import type { Host } from './host';
import type { SessionStore } from './session-store';
import type { SweepStore } from './sweep-store';

/** What the page talks to: the engine and menus (Host), and where sessions are kept. */
export interface Platform {
  host: Host;
  store: SessionStore;
  /** Where saved sweeps live: `.vaelab-sweep` files through main in the desktop app, IndexedDB on the web. */
  sweeps: SweepStore;
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
    const [
      { ElectronHost },
      { ElectronSessionStore },
      { WebSessionStore },
      { ElectronSweepStore },
      { WebSweepStore },
      { WebHost },
      { createEngineWorker },
    ] = await Promise.all([
      import('./electron-host'),
      import('./electron-session-store'),
      import('./web-session-store'),
      import('./electron-sweep-store'),
      import('./web-sweep-store'),
      import('./web-host'),
      import('./create-engine-worker'),
    ]);
    const store = api.sessions !== undefined ? new ElectronSessionStore(api.sessions) : new WebSessionStore();
    // Sweeps go to disk; those an earlier build kept in IndexedDB move there on the first listing.
    const sweeps =
      api.sweeps !== undefined ? new ElectronSweepStore(api.sweeps, new WebSweepStore()) : new WebSweepStore();
    const runHost = () => new WebHost(createEngineWorker);
    return { host: new ElectronHost(api, window as unknown as PortWindow), store, sweeps, runHost };
  }
  const [{ WebHost }, { createEngineWorker }, { WebSessionStore }, { WebSweepStore }] = await Promise.all([
    import('./web-host'),
    import('./create-engine-worker'),
    import('./web-session-store'),
    import('./web-sweep-store'),
  ]);
  return {
    host: new WebHost(createEngineWorker),
    store: new WebSessionStore(),
    sweeps: new WebSweepStore(),
    runHost: () => new WebHost(createEngineWorker),
  };
}
