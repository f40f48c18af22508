import { describe, expect, it } from 'vitest';
import { WASM_MODULES, assembleModule } from '../../build/wasm-to-ts';
import { activate, activateBackward, fastTanh } from '../../src/engine/activations';
import { Dense } from '../../src/engine/dense';
import { Arena, HEAP, arenaOf, buildInArena } from '../../src/engine/kernels/arena';
import { decodeBase64 } from '../../src/engine/kernels/base64';
import { ELEMENTWISE_WASM_BASE64 } from '../../src/engine/kernels/elementwise-wasm.generated';
import { BERNOULLI } from '../../src/engine/likelihoods';
import { Adam, gradientNorm } from '../../src/engine/optimizers';
import { Rng } from '../../src/engine/random';

/** Arrays filled with N(0, scale²) draws, one in an arena and an equal copy on the heap. */
function pair(arena: Arena, n: number, seed: number, scale = 2) {
  const heap = new Rng(seed).fillNormal(new Float32Array(n), scale);
  const inArena = arena.floats(n);
  inArena.set(heap);
  return { heap, inArena };
}

const SIZES = [1, 3, 4, 5, 63, 64, 1001];

describe('WebAssembly elementwise kernels agree with the JavaScript paths', () => {
  const arena = Arena.create(4 << 20)!;

  it('runs in an arena here (WebAssembly SIMD is available)', () => {
    expect(arena).toBeDefined();
    expect(arenaOf(arena.floats(4))).toBe(arena);
    expect(arenaOf(new Float32Array(4))).toBeUndefined();
  });

  for (const n of SIZES) {
    it(`tanh and its backward pass, ${n} values (in place and not)`, () => {
      const x = pair(arena, n, n, 4);
      const y = arena.floats(n);
      activate('tanh', x.inArena, y, n);
      // float32 arithmetic: within 4 units in the last place of values near 1
      for (let i = 0; i < n; i++) expect(Math.abs(y[i] - Math.tanh(x.heap[i]))).toBeLessThan(4e-7);
      const dy = pair(arena, n, n + 1);
      const dx = arena.floats(n);
      activateBackward('tanh', y, dy.inArena, dx, n);
      const expected = new Float32Array(n);
      activateBackward('tanh', y.slice(), dy.heap, expected, n);
      for (let i = 0; i < n; i++)
        expect(Math.abs(dx[i] - expected[i])).toBeLessThanOrEqual(3e-7 * Math.abs(dy.heap[i]));
      activate('tanh', x.inArena, x.inArena, n);
      expect(Array.from(x.inArena)).toEqual(Array.from(y));
    });
  }

  it('tanh saturates to ±1, keeps −0 and propagates NaN', () => {
    const x = arena.floats(6);
    x.set([20, -20, 9.5, -0, NaN, 1e-30]);
    activate('tanh', x, x, 6);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[0]).toBeLessThanOrEqual(1);
    expect(x[1]).toBeCloseTo(-1, 6);
    expect(x[1]).toBeGreaterThanOrEqual(-1);
    expect(Object.is(x[3], -0)).toBe(true);
    expect(x[4]).toBeNaN();
    expect(x[5]).toBeCloseTo(fastTanh(1e-30), 30);
  });

  it('bias add and bias gradient (row sums), with widths that are not multiples of 4', () => {
    for (const cols of [1, 3, 8, 13]) {
      const rows = 7;
      const layer = new Dense('t', 2, cols, arena);
      const heapLayer = new Dense('t', 2, cols, HEAP);
      const init = new Rng(cols);
      layer.init(init, 'normal', 1);
      heapLayer.w.set(layer.w);
      layer.b.set(new Rng(9).fillNormal(new Float32Array(cols)));
      heapLayer.b.set(layer.b);
      const x = pair(arena, rows * 2, 5);
      const y = arena.floats(rows * cols);
      const yHeap = new Float32Array(rows * cols);
      layer.forward(x.inArena, rows, y);
      heapLayer.forward(x.heap, rows, yHeap);
      for (let i = 0; i < y.length; i++) expect(y[i]).toBeCloseTo(yHeap[i], 5);
      const dy = pair(arena, rows * cols, 6);
      layer.backward(x.inArena, dy.inArena, rows, null);
      heapLayer.backward(x.heap, dy.heap, rows, null);
      for (let j = 0; j < cols; j++) expect(layer.db[j]).toBeCloseTo(heapLayer.db[j], 5);
    }
  });

  it('the fused passes (bias + tanh; tanh backward + bias gradient) give the bits of the separate passes', () => {
    const bits = (a: Float32Array) => Array.from(new Uint32Array(a.slice().buffer));
    for (const cols of [1, 3, 4, 13, 64]) {
      const rows = 9;
      const b = pair(arena, cols, cols + 30, 1).inArena;
      const pre = pair(arena, rows * cols, cols + 31, 3).inArena;
      const fused = arena.floats(rows * cols);
      fused.set(pre);
      arena.ops.add_bias_tanh(fused.byteOffset, b.byteOffset, rows, cols);
      const apart = arena.floats(rows * cols);
      apart.set(pre);
      arena.ops.add_bias(apart.byteOffset, b.byteOffset, rows, cols);
      arena.ops.tanh(apart.byteOffset, apart.byteOffset, rows * cols);
      expect(bits(fused)).toEqual(bits(apart));

      const dy = pair(arena, rows * cols, cols + 32).inArena;
      const [dx, db] = [arena.floats(rows * cols), pair(arena, cols, cols + 33).inArena];
      const [dx2, db2] = [arena.floats(rows * cols), arena.floats(cols)];
      db2.set(db);
      arena.ops.tanh_backward_sum_rows(fused.byteOffset, dy.byteOffset, dx.byteOffset, db.byteOffset, rows, cols);
      arena.ops.tanh_backward(fused.byteOffset, dy.byteOffset, dx2.byteOffset, rows * cols);
      arena.ops.sum_rows(dx2.byteOffset, db2.byteOffset, rows, cols);
      expect(bits(dx)).toEqual(bits(dx2));
      expect(bits(db)).toEqual(bits(db2));
      // and in place (dx = dy), as the network calls it
      arena.ops.tanh_backward_sum_rows(fused.byteOffset, dy.byteOffset, dy.byteOffset, db2.byteOffset, rows, cols);
      expect(bits(dy)).toEqual(bits(dx));
    }
  });

  it('gradient norm: float64 sums of squares, NaN when a gradient is NaN', () => {
    const g = pair(arena, 1001, 3);
    const params = [{ name: 'a', value: arena.floats(1001), grad: g.inArena }];
    const heapParams = [{ name: 'a', value: new Float32Array(1001), grad: g.heap }];
    expect(gradientNorm(params)).toBeCloseTo(gradientNorm(heapParams), 9);
    g.inArena[1000] = NaN;
    expect(gradientNorm(params)).toBeNaN();
  });

  it('an Adam step matches the JavaScript Adam within float32 rounding, and reports non-finite weights', () => {
    for (const n of SIZES) {
      const w = pair(arena, n, 10);
      const g = pair(arena, n, 11);
      const wasmParams = [{ name: 'w', value: w.inArena, grad: g.inArena }];
      const jsParams = [{ name: 'w', value: w.heap, grad: g.heap }];
      const wasmAdam = new Adam(wasmParams, arena);
      const jsAdam = new Adam(jsParams, HEAP);
      for (let t = 0; t < 3; t++) {
        expect(wasmAdam.step(wasmParams, 0.01)).toBe(true);
        expect(jsAdam.step(jsParams, 0.01)).toBe(true);
      }
      for (let i = 0; i < n; i++) expect(Math.abs(w.inArena[i] - w.heap[i])).toBeLessThan(1e-6);
      // the weights before a step, written in the same pass (the trainer's fallback copy)
      const before = w.inArena.slice();
      const kept = [arena.floats(n)];
      const keptHeap = [new Float32Array(n)];
      expect(wasmAdam.step(wasmParams, 0.01, kept)).toBe(true);
      expect(jsAdam.step(jsParams, 0.01, keptHeap)).toBe(true);
      expect(Array.from(kept[0])).toEqual(Array.from(before));
      expect(Array.from(w.inArena)).not.toEqual(Array.from(before));
      for (let i = 0; i < n; i++) expect(Math.abs(keptHeap[0][i] - kept[0][i])).toBeLessThan(1e-6);
      g.inArena[n - 1] = Infinity;
      expect(wasmAdam.step(wasmParams, 0.01)).toBe(false);
    }
  });

  it('Bernoulli NLL and its gradient from logits match the JavaScript path', () => {
    const rows = 6;
    const dim = 12;
    const n = rows * dim;
    const l = pair(arena, n, 20, 6);
    l.inArena[0] = 90; // far into the saturated ranges
    l.inArena[1] = -90;
    l.heap.set(l.inArena.subarray(0, 2));
    const x = arena.floats(n);
    const rng = new Rng(21);
    for (let i = 0; i < n; i++) x[i] = rng.uniform() < 0.3 ? 1 : 0;
    const grad = arena.floats(n);
    const gradHeap = new Float32Array(n);
    const opts = { sigma2: 1, varianceFloor: 1e-3 };
    const wasmTotal = BERNOULLI.nll(l.inArena, x, rows, dim, opts, grad, 0.5);
    const jsTotal = BERNOULLI.nll(l.heap, x.slice(), rows, dim, opts, gradHeap, 0.5);
    expect(Math.abs(wasmTotal - jsTotal)).toBeLessThan(1e-5 * Math.abs(jsTotal));
    for (let i = 0; i < n; i++) expect(Math.abs(grad[i] - gradHeap[i])).toBeLessThan(1e-7);
  });

  it('a sparse-input layer (binarised images) gives the dense results in an arena', () => {
    const rows = 9;
    const inDim = 37;
    const out = 19;
    const dense = new Dense('d', inDim, out, arena);
    const sparse = new Dense('s', inDim, out, arena);
    sparse.sparseInput = true;
    dense.init(new Rng(1), 'glorot', 0);
    sparse.w.set(dense.w);
    const x = arena.floats(rows * inDim);
    const rng = new Rng(2);
    for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < 0.2 ? 1 : 0;
    const yDense = arena.floats(rows * out);
    const ySparse = arena.floats(rows * out);
    dense.forward(x, rows, yDense);
    sparse.forward(x, rows, ySparse);
    for (let i = 0; i < yDense.length; i++) expect(ySparse[i]).toBeCloseTo(yDense[i], 5);
    const dy = pair(arena, rows * out, 3).inArena;
    dense.backward(x, dy, rows, null);
    sparse.backward(x, dy, rows, null);
    for (let i = 0; i < dense.dw.length; i++) expect(sparse.dw[i]).toBeCloseTo(dense.dw[i], 5);
    expect(sparse.dw.some((v) => v !== 0)).toBe(true);
  });

  it('a model built in an arena lives there; without WebAssembly it falls back to plain arrays', () => {
    const built = buildInArena((alloc) => new Dense('d', 3, 5, alloc));
    expect(arenaOf(built.w, built.dw, built.b)).toBeDefined();
  });

  it('the committed modules match assembling elementwise.wat (private and shared memory)', async () => {
    const module = WASM_MODULES.find((m) => m.what === 'elementwise')!;
    const assembled = await assembleModule(module);
    expect(Object.keys(ELEMENTWISE_WASM_BASE64)).toEqual(['exact', 'exact-shared']);
    for (const [variant, base64] of Object.entries(ELEMENTWISE_WASM_BASE64))
      expect(decodeBase64(base64), variant).toEqual(assembled[variant as keyof typeof assembled]);
  });
});
