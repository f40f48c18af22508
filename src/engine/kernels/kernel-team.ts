import type { KernelThreadInit } from './kernel-thread-loop';
import type { WasmMemory } from './wasm-api';

/** A kernel thread as its host started it: it takes one init message per arena it is bound to. */
export interface KernelThread {
  post(init: KernelThreadInit): void;
  terminate(): void;
}

/** How a host starts a kernel thread (a Node worker_threads Worker, a web Worker). */
export type ThreadSpawner = () => KernelThread;

/** At most this many threads work on one product. */
export const MAX_THREADS = 16;

/** How long a product waits for a kernel thread that finishes nothing before it fails (ms). */
export const DEFAULT_STALL_MS = 30_000;
/** How long a thread spins for the next product, or for the others' parts, before it sleeps (ms). */
const SPIN_MS = 0.2;
/** How often the host is asked whether its cores are free (ms). */
const SPIN_ASK_MS = 1000;

const GEN = 0;
const PENDING = 1;
const READY = 2;
const QUIT = 3;
/** 1 while the team may spin between products (the host found its cores free). */
const SPIN = 4;
/** Set by a kernel thread whose kernel threw (it leaves the team). */
const FAILED = 6;
const ARGS = 8;
const STRIDE = 16;
/** In each part: the generation of the job handed to that part's thread (it clears it when done). */
const TAG = 13;
const KERNEL = 15;
export const KERNEL_NONE = 0;
export const KERNEL_GEMM = 1;
export const KERNEL_SPARSE = 2;
export const KERNEL_ADAM = 3;
export const KERNEL_BERNOULLI = 4;
const RESULT = 14;

const seconds = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** Threads started so far, reused by every team (a new arena rebinds them). */
const threads: KernelThread[] = [];
let current: KernelTeam | undefined;
/** Why kernel threads cannot be used in this host (one failed to start or to run), or null. */
let failure: string | null = null;

/** Records that kernel threads failed: arenas built from now on run on one thread and say why. */
export function noteThreadFailure(reason: string): void {
  failure ??= reason;
  current?.stop();
}

export function threadFailure(): string | null {
  return failure;
}

/** Whether this host can share a WebAssembly memory between threads (SharedArrayBuffer, cross-origin isolation). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && typeof Atomics.wait === 'function';
}

/**
 * The threads working on one arena's products: the calling thread is part 0, each kernel thread
 * that has become ready takes the next part. A job is cut into parts of rows or columns of C
 * (never of the sum), each part's arguments are written to the control words, the threads are
 * woken with Atomics.notify, and the caller does part 0 and waits (Atomics.wait) for the rest.
 * How many threads take part changes no bit of the result, so a thread that is still starting
 * simply misses the jobs before it is ready. A thread does a job only when its part carries that
 * job's generation (TAG): a job with fewer parts than there are ready threads, or one handed out
 * before a thread joined, is never taken for a later one. A thread that finishes nothing for
 * `stallMs` fails the product with an error naming it, and the threads are given up.
 */
export class KernelTeam {
  private readonly ctl: Int32Array;
  /** The same control words as float32, for float arguments. */
  private readonly floats: Float32Array;
  private quit = false;
  /** When the host last said whether its cores are free (ms, performance.now()). */
  private spinAskedAt = -Infinity;

  private constructor(
    readonly size: number,
    private readonly stallMs: number,
    private readonly coresFree: (() => boolean) | undefined,
  ) {
    this.ctl = new Int32Array(new SharedArrayBuffer((ARGS + STRIDE * MAX_THREADS) * 4));
    this.floats = new Float32Array(this.ctl.buffer);
  }

  /** A team of `size` threads (this one included) over a shared memory; earlier teams go back to one thread. */
  static start(
    size: number,
    memory: WasmMemory,
    modules: { gemm: object; elementwise: object },
    spawn: ThreadSpawner,
    stallMs = DEFAULT_STALL_MS,
    coresFree?: () => boolean,
  ): KernelTeam {
    current?.stop();
    const team = (current = new KernelTeam(size, stallMs, coresFree));
    while (threads.length < size - 1) threads.push(spawn()); // throws where the host cannot start threads
    const init: KernelThreadInit = {
      memory,
      module: modules.gemm,
      elementwise: modules.elementwise,
      control: team.ctl.buffer as SharedArrayBuffer,
    };
    for (let i = 0; i < size - 1; i++) threads[i].post(init);
    return team;
  }

  /** Threads that would work on a job now (1 while the others are starting, or after stop). */
  get parts(): number {
    return this.quit ? 1 : Math.min(this.size, 1 + Atomics.load(this.ctl, READY));
  }

  /** The arguments of `part` (its kernel, then up to 13 i32 values; those at the `floats` indices as float32). */
  setPart(part: number, kernel: number, args: readonly number[], floats: readonly number[] = []): void {
    const at = ARGS + STRIDE * part;
    for (let i = 0; i < args.length; i++) this.ctl[at + i] = args[i];
    for (const i of floats) this.floats[at + i] = args[i];
    this.ctl[at + KERNEL] = kernel;
  }

  /** The i32 result a part's kernel left (adam: 1 when some new weight is not finite). */
  result(part: number): number {
    return this.ctl[ARGS + STRIDE * part + RESULT];
  }

  /** Hands parts 1 … parts−1 to the threads, runs `own` (part 0) here, and waits for the rest. */
  run(parts: number, own: () => void): void {
    const ctl = this.ctl;
    const now = performance.now();
    if (this.coresFree !== undefined && now - this.spinAskedAt > SPIN_ASK_MS) {
      this.spinAskedAt = now;
      Atomics.store(ctl, SPIN, this.coresFree() ? 1 : 0);
    }
    const gen = (Atomics.load(ctl, GEN) + 1) | 0;
    for (let p = 1; p < parts; p++) Atomics.store(ctl, ARGS + STRIDE * p + TAG, gen);
    Atomics.store(ctl, PENDING, parts - 1);
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    try {
      own();
    } finally {
      // even when part 0 threw: the threads must be done with this job before the next one
      this.join(parts, gen);
    }
    if (Atomics.load(ctl, FAILED) !== 0) {
      noteThreadFailure('a kernel thread failed');
      throw new Error('a kernel thread failed; this run continues on one thread from a new start or configure');
    }
  }

  /**
   * Waits until every thread has done its part of job `gen`. Atomics.wait blocks this thread's
   * event loop (a Worker's 'error' or 'exit' cannot arrive meanwhile), so it waits in slices:
   * two slices of stallMs/2 in a row in which no part is finished end the product with an error.
   */
  private join(parts: number, gen: number): void {
    const ctl = this.ctl;
    const slice = Math.max(1, this.stallMs / 2);
    let quiet = 0;
    // the threads' parts end about when this one's does: where the cores are free, spin a moment
    // before sleeping (waking a sleeping thread costs about as long; see kernel-thread-loop.ts)
    if (Atomics.load(ctl, SPIN) !== 0)
      for (const until = performance.now() + SPIN_MS; Atomics.load(ctl, PENDING) !== 0 && performance.now() < until;);
    for (let left = Atomics.load(ctl, PENDING); left !== 0;) {
      const waited = Atomics.wait(ctl, PENDING, left, slice);
      const now = Atomics.load(ctl, PENDING);
      quiet = waited === 'timed-out' && now === left ? quiet + 1 : 0;
      left = now;
      if (quiet < 2) continue;
      const stuck: number[] = [];
      for (let p = 1; p < parts; p++) if (Atomics.load(ctl, ARGS + STRIDE * p + TAG) === gen) stuck.push(p);
      const which = stuck.length > 0 ? `kernel thread ${stuck.join(', ')}` : 'a kernel thread';
      const reason = `${which} did not finish its part of a product in ${seconds(this.stallMs)}`;
      noteThreadFailure(reason);
      // a late thread must not write into memory this process goes on using: end them all
      for (const t of threads.splice(0)) t.terminate();
      throw new Error(`${reason}; this run continues on one thread from a new start or configure`);
    }
  }

  /** The threads leave this team (to be rebound to a newer arena); its products run on one thread. */
  stop(): void {
    if (this.quit) return;
    this.quit = true;
    Atomics.store(this.ctl, QUIT, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
  }
}

/** Ends every kernel thread (a host shutting down, or a test cleaning up). */
export function stopKernelThreads(): void {
  current?.stop();
  current = undefined;
  failure = null;
  for (const t of threads.splice(0)) t.terminate();
}
