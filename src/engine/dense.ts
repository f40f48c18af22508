import type { Init } from '../shared/config';
import { HEAP, arenaOf, type Allocator } from './kernels/arena';
import { gemm } from './kernels/gemm';
import { gemmSparseA } from './kernels/gemm-sparse';
import type { Rng } from './random';

/** A trainable tensor and its gradient: the one naming pair used everywhere (`value` / `grad`). */
export interface Param {
  name: string;
  value: Float32Array;
  grad: Float32Array;
}

/** A fully connected layer y = x·w + b with w `[inDim × outDim]`, b `[outDim]`. */
export class Dense {
  /**
   * Set when the layer's input is mostly exact zeros (binarised images): x·w and xᵀ·dy then
   * skip the zeros. The sums run in another order, so results differ in the last bits.
   */
  sparseInput = false;
  readonly w: Float32Array;
  readonly dw: Float32Array;
  readonly b: Float32Array;
  readonly db: Float32Array;

  constructor(
    readonly name: string,
    readonly inDim: number,
    readonly outDim: number,
    alloc: Allocator = HEAP,
  ) {
    this.w = alloc.floats(inDim * outDim);
    this.dw = alloc.floats(inDim * outDim);
    this.b = alloc.floats(outDim);
    this.db = alloc.floats(outDim);
  }

  /** `normal`: w ~ N(0, std²); `glorot`: w ~ U(±√(6/(in+out))). Biases start at zero. */
  init(rng: Rng, init: Init, std: number): void {
    if (init === 'normal') {
      rng.fillNormal(this.w, std);
    } else {
      const limit = Math.sqrt(6 / (this.inDim + this.outDim));
      for (let i = 0; i < this.w.length; i++) this.w[i] = rng.range(-limit, limit);
    }
    this.b.fill(0);
  }

  params(): Param[] {
    return [
      { name: `${this.name}.w`, value: this.w, grad: this.dw },
      { name: `${this.name}.b`, value: this.b, grad: this.db },
    ];
  }

  /** y `[rows × outDim]` = x `[rows × inDim]` · w + b. */
  forward(x: Float32Array, rows: number, y: Float32Array): void {
    const out = this.outDim;
    (this.sparseInput ? gemmSparseA : gemm)(false, false, rows, out, this.inDim, x, this.w, y, false);
    const arena = arenaOf(y, this.b);
    if (arena) return arena.ops.add_bias(y.byteOffset, this.b.byteOffset, rows, out);
    const b = this.b;
    for (let r = 0; r < rows; r++) {
      const o = r * out;
      for (let j = 0; j < out; j++) y[o + j] += b[j];
    }
  }

  /**
   * Accumulates dw += xᵀ·dy and db += Σ_rows dy; writes dx = dy·wᵀ when `dx` is given
   * (the first layer needs no input gradient).
   */
  backward(x: Float32Array, dy: Float32Array, rows: number, dx: Float32Array | null): void {
    const out = this.outDim;
    (this.sparseInput ? gemmSparseA : gemm)(true, false, this.inDim, out, rows, x, dy, this.dw, true);
    const db = this.db;
    const arena = arenaOf(dy, db);
    if (arena) arena.ops.sum_rows(dy.byteOffset, db.byteOffset, rows, out);
    else {
      for (let r = 0; r < rows; r++) {
        const o = r * out;
        for (let j = 0; j < out; j++) db[j] += dy[o + j];
      }
    }
    if (dx) gemm(false, true, rows, this.inDim, out, dy, this.w, dx, false);
  }
}
