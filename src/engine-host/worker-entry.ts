/**
 * Entry of the engine host in a Web Worker (the web build), e.g.
 * `new Worker(new URL('../engine-host/worker-entry.ts', import.meta.url), { type: 'module' })`.
 */
import { runHost } from './host';
import { useWebKernelThreads } from './kernel-threads-web';
import { adaptWorkerScope, type WorkerScope } from './worker-port';

useWebKernelThreads();
/** In a dedicated worker, globalThis is `self`. */
runHost(adaptWorkerScope(globalThis as unknown as WorkerScope));
