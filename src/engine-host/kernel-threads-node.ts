/**
 * Kernel threads in Node (the CLI, tests, the bench and Electron's utility process): each is a
 * worker_threads Worker running the source text of kernelThreadLoop, so no separate file has to
 * be found beside a bundle. worker_threads is reached through process.getBuiltinModule (Node
 * ≥ 20.16), so this file imports nothing of Node and the web build's bundle stays free of it.
 */
import { configureKernels } from '../engine/kernels/arena';
import { noteThreadFailure, type KernelThread, type ThreadSpawner } from '../engine/kernels/kernel-team';
import { kernelThreadLoop } from '../engine/kernels/kernel-thread-loop';

interface NodeWorker {
  postMessage(message: unknown): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
  unref(): void;
}
type WorkerThreads = { Worker: new (code: string, options: { eval: true }) => NodeWorker };
interface Os {
  loadavg(): number[];
  availableParallelism(): number;
}

const SOURCE = `const { parentPort } = require('node:worker_threads');
const kernelThreadLoop = ${kernelThreadLoop.toString()};
parentPort.on('message', (init) => kernelThreadLoop(init));`;

const builtin = (id: string): unknown =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id);

function workerThreads(): WorkerThreads | undefined {
  return builtin('node:worker_threads') as WorkerThreads | undefined;
}

/**
 * Whether this machine's cores are free: the load average over the last minute (this run's own
 * threads included) stays below the core count plus a half. Then kernel threads spin a moment
 * between products (waking a sleeping thread costs tens of µs, about 15 % of an MNIST epoch on 2
 * cores); on a busy machine spinning would only take the cores from the other work. Windows has
 * no load average (0): there they never spin.
 */
export function nodeCoresFree(): boolean {
  const os = builtin('node:os') as Os | undefined;
  const load = os?.loadavg()[0] ?? 0;
  return os !== undefined && load > 0 && load < os.availableParallelism() + 0.5;
}

/** Starts kernel threads as worker_threads Workers; undefined outside Node. */
export function nodeThreadSpawner(): ThreadSpawner | undefined {
  const threads = workerThreads();
  if (threads === undefined) return undefined;
  return (): KernelThread => {
    const worker = new threads.Worker(SOURCE, { eval: true });
    worker.unref(); // a kernel thread never keeps the process alive
    // a thread that cannot run (its script or module refused): arenas from now on use one thread
    worker.on('error', (e) => noteThreadFailure(`a kernel thread failed to run (${e.message})`));
    // one that ends without being told to (its error, if any, came first): the same, between products;
    // during one, the caller's wait cannot hear it and gives up after stallMs (kernel-team.ts)
    let ending = false;
    worker.on('exit', (code) => ending || noteThreadFailure(`a kernel thread ended (exit code ${code})`));
    return {
      post: (init) => worker.postMessage(init),
      terminate: () => {
        ending = true;
        void worker.terminate();
      },
    };
  };
}

/** Lets arenas built from now on use `threads` threads, started as Node workers. */
export function useNodeKernelThreads(threads: number): void {
  configureKernels({ threads, spawn: nodeThreadSpawner(), coresFree: nodeCoresFree });
}
