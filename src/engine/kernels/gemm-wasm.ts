import { decodeBase64 } from './base64';
import { GEMM_WASM_BASE64 } from './gemm-wasm.generated';
import type { Gemm, SparseGemm } from './gemm-types';
import { KERNEL_GEMM, KERNEL_NONE, KERNEL_SPARSE, type KernelTeam } from './kernel-team';
import { WASM_PAGE_BYTES, wasmApi, type WasmMemory } from './wasm-api';

/** Which gemm module: exact (separate multiply and add) or relaxed (fused multiply-add where the CPU has it). */
export type GemmKernel = 'exact' | 'relaxed';

/** Bytes of one thread's scratch region, as gemm.wat lays it out: edge tile, A and B packing buffers. */
const TILE_BYTES = 256;
const A_PACK_BYTES = 134144;
const PACK_BYTES = TILE_BYTES + A_PACK_BYTES + 1055744;
/** The longest op(A) row (k) an in-place sparse product can list. */
export const MAX_SPARSE_K = 65536;
/** One thread's scratch: the packing buffers, then the sparse kernel's list of non-zeros (8 bytes each). */
export const THREAD_SCRATCH_BYTES = PACK_BYTES + MAX_SPARSE_K * 8;
/** Bytes at the start of an arena reserved for the scratch regions of `threads` threads. */
export const arenaScratchBytes = (threads: number): number => threads * THREAD_SCRATCH_BYTES;
/** Kept for callers that size a one-thread arena. */
export const ARENA_SCRATCH_BYTES = arenaScratchBytes(1);
/** The gemm kernel's depth block (KC in gemm.wat): dense_rows and narrow_rows give its bits only for k up to it. */
const DENSE_ROWS_MAX_K = 256;
/** Products with fewer multiply-adds stay on one thread: waking the others costs more (tens of µs). */
export const PARALLEL_MIN_MULTIPLY_ADDS = 1 << 19;

type GemmFn = (...args: number[]) => void;
interface GemmExports {
  gemm: GemmFn;
  sparse_rows: GemmFn;
  dense_rows: GemmFn;
  narrow_rows: GemmFn;
}

const compiled = new Map<string, object | null>();

/** The compiled module of a variant, shared by every instance; undefined where the host rejects it. */
export function gemmModule(kernel: GemmKernel, shared: boolean): object | undefined {
  const variant = `${kernel}${shared ? '-shared' : ''}` as keyof typeof GEMM_WASM_BASE64;
  if (!compiled.has(variant)) {
    const api = wasmApi();
    const bytes = decodeBase64(GEMM_WASM_BASE64[variant]);
    compiled.set(variant, api !== undefined && api.validate(bytes) ? new api.Module(bytes) : null);
  }
  return compiled.get(variant) ?? undefined;
}

const align64 = (bytes: number): number => (bytes + 63) & ~63;

/** Cuts `units` into `parts` nearly equal consecutive ranges; part p is [start(p), start(p + 1)). */
const cut = (units: number, parts: number, p: number): number => Math.floor((units * p) / parts);

/**
 * The WebAssembly SIMD product. With its own memory (`create()`), A and B are copied in and C is
 * copied out; that memory grows on demand and the Float32Array view is re-taken after every
 * growth. Bound to an arena's memory (`create(memory)`), `runInPlace` works on operands that
 * already live there, and with a team, large products are cut into blocks of rows or columns
 * of C for several threads.
 */
export class WasmGemm {
  private heap: Float32Array;
  /** The threads this arena's products may use (set by the arena). */
  team: KernelTeam | undefined;

  private constructor(
    private readonly kernels: GemmExports,
    private readonly memory: WasmMemory,
    readonly kernel: GemmKernel,
  ) {
    this.heap = new Float32Array(memory.buffer);
  }

  /** Instantiate synchronously; undefined where WebAssembly, SIMD or the variant is missing. */
  static create(memory?: WasmMemory, kernel: GemmKernel = 'exact', shared = false): WasmGemm | undefined {
    const api = wasmApi();
    const module = gemmModule(kernel, shared);
    if (api === undefined || module === undefined) return undefined;
    const mem = memory ?? new api.Memory({ initial: 1 });
    const instance = new api.Instance(module, { env: { memory: mem } });
    return new WasmGemm(instance.exports as unknown as GemmExports, mem, kernel);
  }

  /** Bytes of module memory currently reserved (for tests of growth). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Same contract as gemm() for operands that are views of this instance's (arena) memory,
   * whose first bytes hold the threads' scratch regions. Requires m, n, k ≥ 1.
   */
  runInPlace: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    const rsB = transB ? 4 : n * 4;
    const csB = transB ? k * 4 : 4;
    const add = accumulate ? 1 : 0;
    // a small product one depth block deep, with whole strips of 32 columns or only 2 or 4 columns: without
    // packing (the same bits; a transposed B is first copied plain into this thread's B packing buffer).
    // The lecture's products are all small.
    const narrow = n === 4 || n === 2;
    if (k <= DENSE_ROWS_MAX_K && m * n * k < PARALLEL_MIN_MULTIPLY_ADDS && (narrow || n % 32 === 0)) {
      let bAt = b.byteOffset;
      if (transB) {
        bAt = TILE_BYTES + A_PACK_BYTES;
        const heap = this.heap;
        for (let p = 0, at = bAt >> 2; p < k; p++) for (let j = 0; j < n; j++) heap[at++] = b[j * k + p];
      }
      const args = [a.byteOffset, rsA, csA, bAt, n * 4, c.byteOffset, n * 4, m, n, k, add] as const;
      return narrow ? this.kernels.narrow_rows(...args) : this.kernels.dense_rows(...args);
    }
    const team = this.team;
    const parts = team && m * n * k >= PARALLEL_MIN_MULTIPLY_ADDS ? team.parts : 1;
    if (team === undefined || parts < 2)
      return this.kernels.gemm(a.byteOffset, rsA, csA, b.byteOffset, rsB, csB, c.byteOffset, n * 4, m, n, k, add, 0);
    const args = [a.byteOffset, rsA, csA, b.byteOffset, rsB, csB, c.byteOffset, n * 4, m, n, k, add];
    let mine: number[] | undefined;
    // columns in blocks of 8 (the micro-kernel's width) where there are enough, else rows in blocks of 4
    const byColumns = n >= 8 * parts;
    const units = byColumns ? Math.ceil(n / 8) : Math.ceil(m / 4);
    const size = byColumns ? 8 : 4;
    const total = byColumns ? n : m;
    for (let p = 0; p < parts; p++) {
      const from = Math.min(total, cut(units, parts, p) * size);
      const to = Math.min(total, cut(units, parts, p + 1) * size);
      if (to <= from) {
        if (p > 0) team.setPart(p, KERNEL_NONE, []);
        continue;
      }
      const part = args.slice();
      if (byColumns) {
        part[3] += from * csB;
        part[6] += from * 4;
        part[9] = to - from;
      } else {
        part[0] += from * rsA;
        part[6] += from * n * 4;
        part[8] = to - from;
      }
      part.push(p * THREAD_SCRATCH_BYTES);
      if (p === 0) mine = part;
      else team.setPart(p, KERNEL_GEMM, part);
    }
    team.run(parts, () => mine && this.kernels.gemm(...mine));
  };

  /** Same contract as gemm(); requires m, n, k ≥ 1. */
  run: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
    const aOff = TILE_BYTES;
    const bOff = aOff + align64(m * k * 4);
    const cOff = bOff + align64(k * n * 4);
    const scratch = cOff + align64(m * n * 4);
    this.reserve(scratch + PACK_BYTES);
    const heap = this.heap;
    heap.set(a.subarray(0, m * k), aOff >> 2);
    heap.set(b.subarray(0, k * n), bOff >> 2);
    if (accumulate) heap.set(c.subarray(0, m * n), cOff >> 2);
    // op(A)[i, p] is at aOff + i·rsA + p·csA (bytes); op(B)[p, j] at bOff + p·rsB + j·csB
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    const rsB = transB ? 4 : n * 4;
    const csB = transB ? k * 4 : 4;
    this.kernels.gemm(aOff, rsA, csA, bOff, rsB, csB, cOff, n * 4, m, n, k, accumulate ? 1 : 0, scratch);
    c.set(heap.subarray(cOff >> 2, (cOff >> 2) + m * n));
  };

  /**
   * runSparse for operands that are views of this instance's (arena) memory; k ≤ MAX_SPARSE_K.
   * Rows are split across the team.
   */
  runSparseInPlace: SparseGemm = (transA, m, n, k, a, b, c, accumulate) => {
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    const add = accumulate ? 1 : 0;
    const team = this.team;
    // a binarised digit is about 1/5 non-zeros: the work is near m·n·k/5
    const parts = team && m * n * k >= 5 * PARALLEL_MIN_MULTIPLY_ADDS ? Math.min(team.parts, m) : 1;
    if (team === undefined || parts < 2)
      return this.kernels.sparse_rows(
        a.byteOffset,
        rsA,
        csA,
        b.byteOffset,
        n * 4,
        c.byteOffset,
        n * 4,
        m,
        n,
        k,
        add,
        PACK_BYTES,
      );
    const args = [a.byteOffset, rsA, csA, b.byteOffset, n * 4, c.byteOffset, n * 4, m, n, k, add];
    let mine: number[] | undefined;
    for (let p = 0; p < parts; p++) {
      const from = cut(m, parts, p);
      const to = cut(m, parts, p + 1);
      const part = args.slice();
      part[0] += from * rsA;
      part[5] += from * n * 4;
      part[7] = to - from;
      part.push(p * THREAD_SCRATCH_BYTES + PACK_BYTES);
      if (p === 0) mine = part;
      else team.setPart(p, to > from ? KERNEL_SPARSE : KERNEL_NONE, part);
    }
    team.run(parts, () => mine && mine[7] > 0 && this.kernels.sparse_rows(...mine));
  };

  /**
   * Sparse-A product for a plain op(B) = B [k × n]: zeros of op(A) are skipped
   * (see gemmSparseA). Requires m, n, k ≥ 1.
   */
  runSparse: SparseGemm = (transA, m, n, k, a, b, c, accumulate) => {
    const aOff = TILE_BYTES;
    const bOff = aOff + align64(m * k * 4);
    const cOff = bOff + align64(k * n * 4);
    const listOff = cOff + align64(m * n * 4);
    this.reserve(listOff + k * 8);
    const heap = this.heap;
    heap.set(a.subarray(0, m * k), aOff >> 2);
    heap.set(b.subarray(0, k * n), bOff >> 2);
    if (accumulate) heap.set(c.subarray(0, m * n), cOff >> 2);
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    this.kernels.sparse_rows(aOff, rsA, csA, bOff, n * 4, cOff, n * 4, m, n, k, accumulate ? 1 : 0, listOff);
    c.set(heap.subarray(cOff >> 2, (cOff >> 2) + m * n));
  };

  /** Grow the module memory to at least `bytes` and refresh the view. */
  private reserve(bytes: number): void {
    const memory = this.memory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
    if (this.heap.buffer !== memory.buffer) this.heap = new Float32Array(memory.buffer);
  }
}
