import type { Activation, Init } from '../shared/config';
import { activate, activateBackward } from './activations';
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

  /**
   * y `[rows × outDim]` = x `[rows × inDim]` · w + b, then the activation when one is given: in an
   * arena, tanh is applied in the same pass as the bias (the same bits as two passes).
   */
  forward(x: Float32Array, rows: number, y: Float32Array, activation?: Activation): void {
    const out = this.outDim;
    (this.sparseInput ? gemmSparseA : gemm)(false, false, rows, out, this.inDim, x, this.w, y, false);
    const arena = arenaOf(y, this.b);
    if (arena && activation === 'tanh') return arena.ops.add_bias_tanh(y.byteOffset, this.b.byteOffset, rows, out);
    if (arena) arena.ops.add_bias(y.byteOffset, this.b.byteOffset, rows, out);
    else {
      const b = this.b;
      for (let r = 0; r < rows; r++) {
        const o = r * out;
        for (let j = 0; j < out; j++) y[o + j] += b[j];
      }
    }
    if (activation) activate(activation, y, y, rows * out);
  }

  /**
   * Sets dw = xᵀ·dy (one backward pass per step, so no zeroing beforehand), accumulates
   * db += Σ_rows dy (unless `biasDone`: the caller summed it already); writes dx = dy·wᵀ when `dx`
   * is given (the first layer needs no input gradient).
   */
  backward(x: Float32Array, dy: Float32Array, rows: number, dx: Float32Array | null, biasDone = false): void {
    const out = this.outDim;
    (this.sparseInput ? gemmSparseA : gemm)(true, false, this.inDim, out, rows, x, dy, this.dw, false);
    if (!biasDone) sumRows(dy, this.db, rows, out);
    if (dx) gemm(false, true, rows, this.inDim, out, dy, this.w, dx, false);
  }
}

/** db `[cols]` += Σ over rows of dy `[rows × cols]`, rows in order. */
function sumRows(dy: Float32Array, db: Float32Array, rows: number, cols: number): void {
  const arena = arenaOf(dy, db);
  if (arena) return arena.ops.sum_rows(dy.byteOffset, db.byteOffset, rows, cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) db[j] += dy[o + j];
  }
}

/**
 * dh = dh·f′ (from the activation's output h), then db += Σ_rows dh: the backward of an activation and
 * of the bias before it, in one pass for tanh in an arena (the same bits as two passes).
 */
export function activationBackwardWithBias(
  kind: Activation,
  h: Float32Array,
  dh: Float32Array,
  db: Float32Array,
  rows: number,
  cols: number,
): void {
  const arena = kind === 'tanh' ? arenaOf(h, dh, db) : undefined;
  if (arena)
    return arena.ops.tanh_backward_sum_rows(h.byteOffset, dh.byteOffset, dh.byteOffset, db.byteOffset, rows, cols);
  activateBackward(kind, h, dh, dh, rows * cols);
  sumRows(dh, db, rows, cols);
}
