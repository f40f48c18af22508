import { decodeBase64 } from './base64';
import { GEMM_WASM_BASE64 } from './gemm-wasm.generated';
import type { Gemm, SparseGemm } from './gemm-types';
import { WASM_PAGE_BYTES, wasmApi, type WasmMemory } from './wasm-api';

/** Cache blocking (elements): an A block [MC × KC] stays in L2, a B micro-panel [KC × 8] in L1. */
const KC = 256;
const MC = 128;
const NC = 1024;
/** Bytes 0..127 of the module memory are its scratch tile; operands start after it. */
const FIRST_FREE_BYTE = 256;

type PackFn = (src: number, rs: number, cs: number, rows: number, cols: number, dst: number) => void;
type BlockFn = (
  ap: number,
  bp: number,
  c: number,
  mc: number,
  nc: number,
  kc: number,
  ldc: number,
  add: number,
) => void;

interface GemmExports {
  pack_a: PackFn;
  pack_b: PackFn;
  block: BlockFn;
  sparse_rows: (
    a: number,
    rs: number,
    cs: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    m: number,
    n: number,
    k: number,
    add: number,
    list: number,
  ) => void;
}

const align64 = (bytes: number): number => (bytes + 63) & ~63;

/** Packing buffers for in-place products: A panels, then B panels, after the scratch tile. */
const PACK_A_BYTE = FIRST_FREE_BYTE;
const PACK_B_BYTE = PACK_A_BYTE + align64((MC + 3) * KC * 4);
/** The sparse kernel's list of non-zeros (8 bytes each) for in-place products. */
const SPARSE_LIST_BYTE = PACK_B_BYTE + align64((NC + 7) * KC * 4);
/** The longest op(A) row (k) an in-place sparse product can list. */
export const MAX_SPARSE_K = 65536;
/** Bytes at the start of an arena reserved for the kernels' scratch tile, packing buffers and sparse list. */
export const ARENA_SCRATCH_BYTES = SPARSE_LIST_BYTE + MAX_SPARSE_K * 8;

let compiled: object | undefined;

/** The compiled module, shared by every instance; undefined where WebAssembly SIMD is missing. */
function gemmModule(): object | undefined {
  const api = wasmApi();
  if (api === undefined) return undefined;
  if (compiled === undefined) {
    const bytes = decodeBase64(GEMM_WASM_BASE64);
    if (!api.validate(bytes)) return undefined;
    compiled = new api.Module(bytes);
  }
  return compiled;
}

/**
 * The WebAssembly SIMD product. With its own memory (`create()`), A and B are copied in,
 * packed block by block, and C is copied out; that memory grows on demand and the
 * Float32Array view is re-taken after every growth. Bound to an arena's memory
 * (`create(memory)`), `runInPlace` works on operands that already live there.
 */
export class WasmGemm {
  private readonly kernels: GemmExports;
  private heap: Float32Array;

  private constructor(
    kernels: GemmExports,
    private readonly memory: WasmMemory,
  ) {
    this.kernels = kernels;
    this.heap = new Float32Array(memory.buffer);
  }

  /** Instantiate synchronously; undefined where WebAssembly or its SIMD extension is missing. */
  static create(memory?: WasmMemory): WasmGemm | undefined {
    const api = wasmApi();
    const module = gemmModule();
    if (api === undefined || module === undefined) return undefined;
    const mem = memory ?? new api.Memory({ initial: 1 });
    const instance = new api.Instance(module, { env: { memory: mem } });
    return new WasmGemm(instance.exports as unknown as GemmExports, mem);
  }

  /** Bytes of module memory currently reserved (for tests of growth). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Same contract as gemm() for operands that are views of this instance's (arena) memory,
   * whose first ARENA_SCRATCH_BYTES hold the packing buffers. Requires m, n, k ≥ 1.
   */
  runInPlace: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
    this.blocks(
      transA,
      transB,
      m,
      n,
      k,
      a.byteOffset,
      b.byteOffset,
      c.byteOffset,
      PACK_A_BYTE,
      PACK_B_BYTE,
      accumulate,
    );
  };

  /** Same contract as gemm(); requires m, n, k ≥ 1. */
  run: Gemm = (transA, transB, m, n, k, a, b, c, accumulate) => {
    const kcMax = Math.min(k, KC);
    const aOff = FIRST_FREE_BYTE;
    const bOff = aOff + align64(m * k * 4);
    const cOff = bOff + align64(k * n * 4);
    const apOff = cOff + align64(m * n * 4);
    const bpOff = apOff + align64(Math.min(m + 3, MC) * kcMax * 4);
    this.reserve(bpOff + align64(Math.min(n + 7, NC + 7) * kcMax * 4));
    const heap = this.heap;
    heap.set(a.subarray(0, m * k), aOff >> 2);
    heap.set(b.subarray(0, k * n), bOff >> 2);
    if (accumulate) heap.set(c.subarray(0, m * n), cOff >> 2);
    // op(A)[i, p] is at aOff + i·rsA + p·csA (bytes); op(B)[p, j] at bOff + p·rsB + j·csB
    this.blocks(transA, transB, m, n, k, aOff, bOff, cOff, apOff, bpOff, accumulate);
    c.set(heap.subarray(cOff >> 2, (cOff >> 2) + m * n));
  };

  /** The blocked product on byte addresses of this memory, packing into apOff and bpOff. */
  private blocks(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    aOff: number,
    bOff: number,
    cOff: number,
    apOff: number,
    bpOff: number,
    accumulate: boolean,
  ): void {
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    const rsB = transB ? 4 : n * 4;
    const csB = transB ? k * 4 : 4;
    const { pack_a: packA, pack_b: packB, block } = this.kernels;
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        packB(bOff + pc * rsB + jc * csB, rsB, csB, kc, nc, bpOff);
        const add = accumulate || pc > 0 ? 1 : 0;
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          packA(aOff + ic * rsA + pc * csA, rsA, csA, mc, kc, apOff);
          block(apOff, bpOff, cOff + (ic * n + jc) * 4, mc, nc, kc, n * 4, add);
        }
      }
    }
  }

  /** runSparse for operands that are views of this instance's (arena) memory; k ≤ MAX_SPARSE_K. */
  runSparseInPlace: SparseGemm = (transA, m, n, k, a, b, c, accumulate) => {
    const rsA = transA ? 4 : k * 4;
    const csA = transA ? m * 4 : 4;
    this.kernels.sparse_rows(
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
      accumulate ? 1 : 0,
      SPARSE_LIST_BYTE,
    );
  };

  /**
   * Sparse-A product for a plain op(B) = B [k × n]: zeros of op(A) are skipped
   * (see gemmSparseA). Requires m, n, k ≥ 1.
   */
  runSparse: SparseGemm = (transA, m, n, k, a, b, c, accumulate) => {
    const aOff = FIRST_FREE_BYTE;
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
