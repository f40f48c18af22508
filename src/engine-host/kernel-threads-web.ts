/**
 * Kernel threads in the web build: module Workers started from the engine's own Worker. They
 * share the arena's memory only where the page is cross-origin isolated (COOP/COEP headers);
 * elsewhere SharedArrayBuffer is missing and the arena says it runs on one thread.
 */
import { configureKernels } from '../engine/kernels/arena';
import { noteThreadFailure, type KernelThread } from '../engine/kernels/kernel-team';
import { resolveThreads } from '../shared/settings';

interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onerror: ((event: { message?: string }) => void) | null;
}
type WorkerClass = new (url: URL, options: { type: 'module'; name: string }) => WebWorker;

/** Lets arenas use `threads` threads (0: auto, the cores but one), started as module Workers. */
export function useWebKernelThreads(threads = 0): void {
  const scope = globalThis as unknown as { Worker?: WorkerClass; navigator?: { hardwareConcurrency?: number } };
  const Worker = scope.Worker;
  const spawn =
    Worker === undefined
      ? undefined
      : (): KernelThread => {
          const worker = new Worker(new URL('./kernel-worker-entry.ts', import.meta.url), {
            type: 'module',
            name: 'vae-lab kernel thread',
          });
          // a thread that cannot run (its script refused, no module Workers): one thread from now on
          worker.onerror = (e) =>
            noteThreadFailure(`a kernel thread failed to run (${e.message ?? 'no reason given'})`);
          return { post: (init) => worker.postMessage(init), terminate: () => worker.terminate() };
        };
  configureKernels({ threads: resolveThreads(threads, scope.navigator?.hardwareConcurrency ?? 1, 'app'), spawn });
}
