import type { Activation, Init } from '../shared/config';
import { Dense, activationBackwardWithBias, type Param } from './dense';
import { HEAP, type Allocator } from './kernels/arena';
import type { Rng } from './random';

/**
 * A multilayer perceptron: Dense → activation for each hidden width, then a linear
 * output layer. Buffers are sized for `maxRows` once, so a training step allocates nothing.
 */
export class Mlp {
  readonly layers: Dense[];
  /** Post-activation output of each hidden layer, `[maxRows × width]`. */
  private readonly hidden: Float32Array[];
  /** Gradient buffers of each hidden layer's output, `[maxRows × width]`. */
  private readonly dHidden: Float32Array[];
  /** Output of the last layer, `[maxRows × outDim]`. */
  readonly out: Float32Array;
  private input: Float32Array | null = null;

  constructor(
    name: string,
    readonly inDim: number,
    widths: readonly number[],
    readonly outDim: number,
    readonly activation: Activation,
    readonly maxRows: number,
    alloc: Allocator = HEAP,
  ) {
    const dims = [inDim, ...widths, outDim];
    this.layers = dims.slice(1).map((d, i) => new Dense(`${name}.${i}`, dims[i], d, alloc));
    this.hidden = widths.map((w) => alloc.floats(maxRows * w));
    this.dHidden = widths.map((w) => alloc.floats(maxRows * w));
    this.out = alloc.floats(maxRows * outDim);
  }

  init(rng: Rng, init: Init, std: number): void {
    for (const layer of this.layers) layer.init(rng, init, std);
  }

  params(): Param[] {
    return this.layers.flatMap((l) => l.params());
  }

  /** Returns `out` `[rows × outDim]` for x `[rows × inDim]`; keeps x for the backward pass. */
  forward(x: Float32Array, rows: number): Float32Array {
    if (rows > this.maxRows)
      throw new Error(`batch of ${rows} rows exceeds the ${this.maxRows} this network was built for`);
    this.input = x;
    let cur = x;
    for (let i = 0; i < this.hidden.length; i++) {
      const h = this.hidden[i];
      this.layers[i].forward(cur, rows, h, this.activation);
      cur = h;
    }
    this.layers[this.layers.length - 1].forward(cur, rows, this.out);
    return this.out;
  }

  /** Accumulates parameter gradients from dOut `[rows × outDim]`; writes dx `[rows × inDim]` if given. */
  backward(dOut: Float32Array, rows: number, dx: Float32Array | null): void {
    if (!this.input) throw new Error('backward called before forward');
    let grad = dOut;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layerInput = i === 0 ? this.input : this.hidden[i - 1];
      const layerDx = i === 0 ? dx : this.dHidden[i - 1];
      // the layers below the top had their bias gradient summed with their activation's backward
      this.layers[i].backward(layerInput, grad, rows, layerDx, i < this.layers.length - 1);
      if (i > 0) {
        const dh = this.dHidden[i - 1];
        const below = this.layers[i - 1];
        activationBackwardWithBias(this.activation, this.hidden[i - 1], dh, below.db, rows, below.outDim);
        grad = dh;
      }
    }
  }
}
