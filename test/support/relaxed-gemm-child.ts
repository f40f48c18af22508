/**
 * Run by test/engine/relaxed-simd.test.ts in a Node started with --experimental-wasm-relaxed-simd:
 * prints what kernel an arena picks and how far the relaxed (fused) product is from the float64 reference.
 */
import { Arena } from '../../src/engine/kernels/arena';
import { gemmReference } from '../../src/engine/kernels/gemm';
import { WasmGemm } from '../../src/engine/kernels/gemm-wasm';

const m = 37;
const n = 45;
const k = 300;
const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
const fused = new Float32Array(m * n);
const again = new Float32Array(m * n);
const exact = new Float32Array(m * n);
WasmGemm.create(undefined, 'relaxed')!.run(false, false, m, n, k, a, b, fused, false);
WasmGemm.create(undefined, 'relaxed')!.run(false, false, m, n, k, a, b, again, false);
gemmReference(false, false, m, n, k, a, b, exact, false);
let maxError = 0;
for (let i = 0; i < exact.length; i++) maxError = Math.max(maxError, Math.abs(fused[i] - exact[i]));
const repeatable = fused.every((v, i) => Object.is(v, again[i]));
process.stdout.write(JSON.stringify({ arenaGemm: Arena.create(1 << 16)?.kernels.gemm, maxError, repeatable }));
