import type { Activation } from '../shared/config';
import { arenaOf } from './kernels/arena';

/** Slope of leaky ReLU for negative inputs. */
export const LEAKY_SLOPE = 0.01;

/**
 * tanh(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 9 (clamped beyond, where tanh = ±1 in float32).
 * A [9/8] rational fit with positive coefficients (no poles); max error 7e-8, i.e. float32
 * accuracy, at about half the cost of Math.tanh — tanh dominates small-network training time.
 */
export function fastTanh(x: number): number {
  const a = x < 0 ? -x : x;
  const c = a > 9 ? 9 : a;
  const s = c * c;
  const p =
    0.9999999877423073 +
    s * (0.13416576750644235 + s * (0.0035376226783298205 + s * (2.12903157525481e-5 + s * 1.4272416322199497e-8)));
  const q =
    1 +
    s * (0.46749901961851725 + s * (0.026037415141065588 + s * (0.00033539659799205606 + s * 8.158082377815539e-7)));
  const t = (c * p) / q;
  return x < 0 ? -t : t;
}

/** y = f(x) elementwise over `count` values; `x` and `y` may be the same array. */
export function activate(kind: Activation, x: Float32Array, y: Float32Array, count: number): void {
  if (kind === 'tanh') {
    const arena = arenaOf(x, y);
    if (arena) arena.ops.tanh(x.byteOffset, y.byteOffset, count);
    else for (let i = 0; i < count; i++) y[i] = fastTanh(x[i]);
  } else if (kind === 'relu') {
    for (let i = 0; i < count; i++) y[i] = x[i] > 0 ? x[i] : 0;
  } else {
    for (let i = 0; i < count; i++) y[i] = x[i] > 0 ? x[i] : LEAKY_SLOPE * x[i];
  }
}

/**
 * dx = dy · f′ given the activation's output y (all three derivatives are functions of y):
 * tanh′ = 1 − y², relu′ = [y > 0], leaky′ = 1 or LEAKY_SLOPE. `dx` may be `dy`.
 */
export function activateBackward(
  kind: Activation,
  y: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  count: number,
): void {
  if (kind === 'tanh') {
    const arena = arenaOf(y, dy, dx);
    if (arena) arena.ops.tanh_backward(y.byteOffset, dy.byteOffset, dx.byteOffset, count);
    else for (let i = 0; i < count; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
  } else if (kind === 'relu') {
    for (let i = 0; i < count; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
  } else {
    for (let i = 0; i < count; i++) dx[i] = y[i] > 0 ? dy[i] : LEAKY_SLOPE * dy[i];
  }
}
