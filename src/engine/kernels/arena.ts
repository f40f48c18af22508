import { decodeBase64 } from './base64';
import { ELEMENTWISE_WASM_BASE64 } from './elementwise-wasm.generated';
import { ARENA_SCRATCH_BYTES, WasmGemm } from './gemm-wasm';
import { WASM_PAGE_BYTES, wasmApi, type WasmMemory } from './wasm-api';

/** Where a model's buffers come from. */
export interface Allocator {
  /** A zeroed Float32Array of n values. */
  floats(n: number): Float32Array;
}

/** Plain garbage-collected arrays. */
export const HEAP: Allocator = { floats: (n) => new Float32Array(n) };

const align64 = (bytes: number): number => (bytes + 63) & ~63;

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
  sum_rows(dy: number, db: number, rows: number, cols: number): void;
  sum_squares(g: number, n: number): number;
  bernoulli(l: number, x: number, grad: number, n: number, scale: number): number;
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
}

let elementwiseModule: object | undefined;

/**
 * One fixed-size WebAssembly memory holding all of a model's buffers, with the gemm and
 * elementwise kernels bound to it, so kernels run on the buffers where they are: no copies.
 * The memory never grows (growth would detach every view), so its size is measured first
 * with a SizingAllocator.
 */
export class Arena implements Allocator {
  private next = ARENA_SCRATCH_BYTES;

  private constructor(
    readonly memory: WasmMemory,
    readonly gemm: WasmGemm,
    readonly ops: ElementwiseKernels,
  ) {}

  /** An arena for `bytes` of buffers; undefined where WebAssembly SIMD is missing. */
  static create(bytes: number): Arena | undefined {
    const api = wasmApi();
    if (api === undefined) return undefined;
    try {
      const pages = Math.ceil((ARENA_SCRATCH_BYTES + bytes) / WASM_PAGE_BYTES);
      const memory = new api.Memory({ initial: pages, maximum: pages });
      const gemm = WasmGemm.create(memory);
      if (gemm === undefined) return undefined;
      if (elementwiseModule === undefined) elementwiseModule = new api.Module(decodeBase64(ELEMENTWISE_WASM_BASE64));
      // a plain copy of the (frozen) exports, so a profiler can wrap them (bench/profile.ts)
      const ops = { ...new api.Instance(elementwiseModule, { env: { memory } }).exports } as unknown as ElementwiseKernels;
      const arena = new Arena(memory, gemm, ops);
      ARENAS.set(memory.buffer, arena);
      return arena;
    } catch {
      return undefined; // a host that forbids compiling WebAssembly: plain arrays instead
    }
  }

  floats(n: number): Float32Array {
    const start = this.next;
    this.next += align64(n * 4);
    if (this.next > this.memory.buffer.byteLength)
      throw new Error(`arena of ${this.memory.buffer.byteLength} bytes is full`);
    return new Float32Array(this.memory.buffer, start, n);
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
