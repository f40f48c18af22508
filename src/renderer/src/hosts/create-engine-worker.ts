/**
 * Starts the engine host in a module Worker. The `new URL(…, import.meta.url)` form must stay
 * literal: Vite finds it, bundles worker-entry.ts as its own chunk and rewrites the URL.
 */
import type { WorkerLike } from './web-host';

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('../../../engine-host/worker-entry.ts', import.meta.url), {
    type: 'module',
    name: 'vae-lab-engine',
  }) as WorkerLike;
}
