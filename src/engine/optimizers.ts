import type { Optimizer } from '../shared/config';
import type { Param } from './dense';
import { HEAP, arenaOf, type Allocator } from './kernels/arena';

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPS = 1e-8;

/** Updates parameters from their accumulated gradients. */
export interface ParamUpdater {
  /**
   * Applies one update; returns false if any new value is non-finite. `before`, when given, receives
   * the values before the update (one array per param), in the same pass where the kernels can.
   */
  step(params: Param[], lr: number, before?: Float32Array[]): boolean;
  /** Moment buffers and step count, for exact checkpoints. */
  getState(): { t: number; buffers: Float32Array[] };
  setState(state: { t: number; buffers: Float32Array[] }): void;
}

/** Adam (Kingma & Ba 2015) with bias correction: w −= lr·m̂/(√v̂ + ε). */
export class Adam implements ParamUpdater {
  private t = 0;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];

  constructor(params: Param[], alloc: Allocator = HEAP) {
    this.m = params.map((p) => alloc.floats(p.value.length));
    this.v = params.map((p) => alloc.floats(p.value.length));
  }

  step(params: Param[], lr: number, before?: Float32Array[]): boolean {
    this.t++;
    const c1 = 1 - ADAM_BETA1 ** this.t;
    const c2 = 1 - ADAM_BETA2 ** this.t;
    const stepSize = (lr * Math.sqrt(c2)) / c1;
    const eps = ADAM_EPS * Math.sqrt(c2);
    let finite = true;
    for (let p = 0; p < params.length; p++) {
      const { value: w, grad: dw } = params[p];
      const m = this.m[p];
      const v = this.v[p];
      const old = before?.[p];
      const arena = arenaOf(w, dw, m);
      if (arena && arenaOf(m, v) === arena && (old === undefined || arenaOf(old, w) === arena)) {
        if (
          arena.adam(
            w.byteOffset,
            dw.byteOffset,
            m.byteOffset,
            v.byteOffset,
            w.length,
            stepSize,
            eps,
            ADAM_BETA1,
            ADAM_BETA2,
            old === undefined ? -1 : old.byteOffset,
          )
        )
          finite = false;
        continue;
      }
      old?.set(w);
      for (let i = 0; i < w.length; i++) {
        const g = dw[i];
        m[i] = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * g;
        v[i] = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * g * g;
        w[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) + eps);
        if (!Number.isFinite(w[i])) finite = false;
      }
    }
    return finite;
  }

  getState() {
    return { t: this.t, buffers: [...this.m, ...this.v].map((b) => b.slice()) };
  }

  setState(state: { t: number; buffers: Float32Array[] }): void {
    const all = [...this.m, ...this.v];
    if (state.buffers.length !== all.length)
      throw new Error(`optimizer state has ${state.buffers.length} buffers, expected ${all.length}`);
    all.forEach((b, i) => b.set(state.buffers[i]));
    this.t = state.t;
  }
}

/** Plain stochastic gradient descent: w −= lr·dw. */
export class Sgd implements ParamUpdater {
  step(params: Param[], lr: number, before?: Float32Array[]): boolean {
    let finite = true;
    params.forEach((p, i) => before?.[i].set(p.value));
    for (const { value: w, grad: dw } of params) {
      for (let i = 0; i < w.length; i++) {
        w[i] -= lr * dw[i];
        if (!Number.isFinite(w[i])) finite = false;
      }
    }
    return finite;
  }

  getState() {
    return { t: 0, buffers: [] };
  }

  setState(): void {}
}

export function makeOptimizer(kind: Optimizer, params: Param[], alloc: Allocator = HEAP): ParamUpdater {
  return kind === 'adam' ? new Adam(params, alloc) : new Sgd();
}

/** The global L2 norm of all gradients (NaN or ∞ when any gradient is non-finite). */
export function gradientNorm(params: Param[]): number {
  let sum = 0;
  for (const { grad } of params) {
    const arena = arenaOf(grad);
    if (arena) sum += arena.ops.sum_squares(grad.byteOffset, grad.length);
    else for (let i = 0; i < grad.length; i++) sum += grad[i] * grad[i];
  }
  return Math.sqrt(sum);
}

/** Scales all gradients so their global norm is at most maxNorm (Pascanu et al. 2013). */
export function clipGradients(params: Param[], norm: number, maxNorm: number): void {
  if (maxNorm <= 0 || norm <= maxNorm) return;
  const s = maxNorm / norm;
  for (const { grad } of params) for (let i = 0; i < grad.length; i++) grad[i] *= s;
}
