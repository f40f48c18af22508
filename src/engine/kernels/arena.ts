import { decodeBase64 } from './base64';
import { ELEMENTWISE_WASM_BASE64 } from './elementwise-wasm.generated';
import { WasmGemm, arenaScratchBytes, gemmModule, type GemmKernel } from './gemm-wasm';
import { adamParts, bernoulliParts } from './elementwise-parallel';
import {
  KernelTeam,
  MAX_THREADS,
  canShareMemory,
  noteThreadFailure,
  threadFailure,
  type ThreadSpawner,
} from './kernel-team';
import { WASM_PAGE_BYTES, wasmApi, type WasmMemory } from './wasm-api';

/** Where a model's buffers come from. */
export interface Allocator {
  /** A zeroed Float32Array of n values. */
  floats(n: number): Float32Array;
}

/** Plain garbage-collected arrays. */
export const HEAP: Allocator = { floats: (n) => new Float32Array(n) };

const align64 = (bytes: number): number => (bytes + 63) & ~63;
/** Bytes after the threads' scratch for the Bernoulli likelihood's block sums (8192 blocks of 256 values). */
const SUMS_BYTES = 65536;

/** Counts the bytes a build would take, handing out plain arrays meanwhile. */
export class SizingAllocator implements Allocator {
  bytes = 0;

  floats(n: number): Float32Array {
    this.bytes += align64(n * 4);
    return new Float32Array(n);
  }
}

/** The elementwise kernels of elementwise.wat; addresses in bytes. */
export interface ElementwiseKernels {
  tanh(src: number, dst: number, n: number): void;
  tanh_backward(y: number, dy: number, dx: number, n: number): void;
  add_bias(y: number, b: number, rows: number, cols: number): void;
  /** add_bias then tanh, in one pass. */
  add_bias_tanh(y: number, b: number, rows: number, cols: number): void;
  sum_rows(dy: number, db: number, rows: number, cols: number): void;
  /** tanh_backward (dx = dy·(1 − y²)) then sum_rows of dx into db, in one pass. */
  tanh_backward_sum_rows(y: number, dy: number, dx: number, db: number, rows: number, cols: number): void;
  sum_squares(g: number, n: number): number;
  bernoulli(l: number, x: number, grad: number, n: number, scale: number): number;
  /** bernoulli, writing each 256-value block's float64 sum at `sums` too. */
  bernoulli_blocks(l: number, x: number, grad: number, n: number, scale: number, sums: number): number;
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    n: number,
    step: number,
    eps: number,
    b1: number,
    b2: number,
  ): number;
  /** adam, writing the weights before the step at `old` too when `keep` is 1. */
  adam_keep(...args: [...Parameters<ElementwiseKernels['adam']>, old: number, keep: number]): number;
}

/** How arenas built from now on run their kernels (each host sets it once, from the `threads` setting). */
export interface KernelOptions {
  /** Threads for one run's products, this one included (1: no kernel threads). */
  threads: number;
  /** Use fused multiply-adds (relaxed SIMD) where the host validates them. */
  fma: boolean;
  /** How this host starts a kernel thread; without one, products stay on one thread. */
  spawn?: ThreadSpawner;
  /** How long a product waits for a kernel thread that finishes nothing before it fails (ms; 30 s by default). */
  stallMs?: number;
  /**
   * Whether this host's cores are free now (asked about once a second): then the threads spin a moment
   * between products instead of sleeping at once. Without it, they never spin.
   */
  coresFree?: () => boolean;
}

/** What an arena's kernels are: the session and the status say which was used. */
export interface KernelInfo {
  /** Threads working on the large products. */
  threads: number;
  /** The gemm module: exact, or relaxed (fused multiply-add; other bits than exact, the same for any thread count). */
  gemm: GemmKernel;
  /** Why fewer threads than asked for run, or null. */
  note: string | null;
}

let options: KernelOptions = { threads: 1, fma: true };

/** Sets how arenas built from now on run; a running arena keeps its threads. */
export function configureKernels(next: Partial<KernelOptions>): void {
  options = { ...options, ...next };
}

export function kernelOptions(): Readonly<KernelOptions> {
  return options;
}

const elementwiseModules = new Map<boolean, object>();

function elementwiseModule(shared: boolean): object {
  let module = elementwiseModules.get(shared);
  if (module === undefined) {
    const bytes = decodeBase64(ELEMENTWISE_WASM_BASE64[shared ? 'exact-shared' : 'exact']);
    elementwiseModules.set(shared, (module = new (wasmApi()!.Module)(bytes)));
  }
  return module;
}

/** The threads and kernel an arena built now would get, with the reason when it is fewer threads than asked. */
function planKernels(): KernelInfo & { shared: boolean } {
  const want = Math.max(1, Math.min(MAX_THREADS, Math.floor(options.threads)));
  let note: string | null = null;
  if (want > 1 && !canShareMemory())
    note = 'one thread: this host has no SharedArrayBuffer (a web page must be cross-origin isolated)';
  else if (want > 1 && options.spawn === undefined) note = 'one thread: this host cannot start kernel threads';
  else if (want > 1 && threadFailure() !== null) note = `one thread: ${threadFailure()}`;
  const shared = want > 1 && note === null;
  const gemm: GemmKernel = options.fma && gemmModule('relaxed', shared) !== undefined ? 'relaxed' : 'exact';
  return { threads: shared ? want : 1, gemm, note, shared };
}

/**
 * One fixed-size WebAssembly memory holding all of a model's buffers, with the gemm and
 * elementwise kernels bound to it, so kernels run on the buffers where they are: no copies.
 * The memory never grows (growth would detach every view), so its size is measured first
 * with a SizingAllocator.
 */
export class Arena implements Allocator {
  private next: number;
  /**
   * The memory's buffer, taken once: every view is made on this object, which also keys ARENAS
   * (a shared memory may hand out a new SharedArrayBuffer object at each `.buffer`).
   */
  readonly buffer: ArrayBuffer;

  private constructor(
    readonly memory: WasmMemory,
    readonly gemm: WasmGemm,
    readonly ops: ElementwiseKernels,
    readonly kernels: KernelInfo,
  ) {
    const scratch = arenaScratchBytes(kernels.threads);
    this.next = scratch + SUMS_BYTES;
    this.buffer = memory.buffer;
    this.sums = new Float64Array(this.buffer, scratch, SUMS_BYTES / 8);
  }

  /** Float64 sums of the Bernoulli kernel's blocks, written by whichever thread computed them. */
  private readonly sums: Float64Array;

  /**
   * ops.adam_keep, cut across the gemm's team for large tensors (the same bits for any thread count);
   * `old` (a byte address, or −1 for none) receives the weights before the step.
   */
  adam = (...args: [...Parameters<ElementwiseKernels['adam']>, old: number]): number =>
    adamParts(this.ops, this.gemm.team, ...args);

  /** ops.bernoulli, cut across the team in whole blocks (the same bits for any thread count). */
  bernoulli = (l: number, x: number, grad: number, n: number, scale: number): number =>
    bernoulliParts(this.ops, this.gemm.team, this.sums, l, x, grad, n, scale);

  /** An arena for `bytes` of buffers; undefined where WebAssembly SIMD is missing. */
  static create(bytes: number): Arena | undefined {
    const api = wasmApi();
    if (api === undefined) return undefined;
    try {
      const { shared, ...kernels } = planKernels();
      const pages = Math.ceil((arenaScratchBytes(kernels.threads) + SUMS_BYTES + bytes) / WASM_PAGE_BYTES);
      const memory = new api.Memory({ initial: pages, maximum: pages, shared });
      const gemm = WasmGemm.create(memory, kernels.gemm, shared);
      if (gemm === undefined) return undefined;
      const instance = new api.Instance(elementwiseModule(shared), { env: { memory } });
      // a plain copy of the (frozen) exports, so a profiler can wrap them (bench/profile.ts)
      const ops = { ...instance.exports } as unknown as ElementwiseKernels;
      if (shared)
        try {
          gemm.team = KernelTeam.start(
            kernels.threads,
            memory,
            { gemm: gemmModule(kernels.gemm, true)!, elementwise: elementwiseModule(true) },
            options.spawn!,
            options.stallMs,
            options.coresFree,
          );
        } catch (e) {
          // e.g. a host whose V8 platform cannot create workers: this arena and the next on one thread
          noteThreadFailure(`kernel threads could not start (${e instanceof Error ? e.message : String(e)})`);
          return Arena.create(bytes);
        }
      const arena = new Arena(memory, gemm, ops, kernels);
      ARENAS.set(arena.buffer, arena);
      return arena;
    } catch {
      return undefined; // a host that forbids compiling WebAssembly: plain arrays instead
    }
  }

  floats(n: number): Float32Array {
    const start = this.next;
    this.next += align64(n * 4);
    if (this.next > this.buffer.byteLength) throw new Error(`arena of ${this.buffer.byteLength} bytes is full`);
    return new Float32Array(this.buffer, start, n);
  }
}

const ARENAS = new WeakMap<ArrayBufferLike, Arena>();

/** The arena all the given arrays live in, or undefined if they are not all in one. */
export function arenaOf(a: Float32Array, b?: Float32Array, c?: Float32Array): Arena | undefined {
  const buffer = a.buffer;
  if ((b && b.buffer !== buffer) || (c && c.buffer !== buffer)) return undefined;
  return ARENAS.get(buffer);
}

/**
 * Builds something twice: once to measure its buffers, then for real inside an arena
 * (or with plain arrays where WebAssembly is missing).
 */
export function buildInArena<T>(build: (alloc: Allocator) => T): T {
  const sizing = new SizingAllocator();
  build(sizing);
  return build(Arena.create(sizing.bytes) ?? HEAP);
}
