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
// small products in an arena run dense_rows or narrow_rows (no packing): the bits of the blocked relaxed kernel
const arena = Arena.create(1 << 18)!;
const [dm, dn, dk] = [64, 64, 200];
const da = arena.floats(dm * dk);
const db = arena.floats(dk * dn);
const dc = arena.floats(dm * dn).fill(0.5);
da.forEach((_, i) => (da[i] = Math.sin(i)));
db.forEach((_, i) => (db[i] = Math.cos(i)));
arena.gemm.runInPlace(true, false, dm, dn, dk, da, db, dc, true);
const blocked = new Float32Array(dm * dn).fill(0.5);
WasmGemm.create(undefined, 'relaxed')!.run(true, false, dm, dn, dk, da, db, blocked, true);
let denseSame = dc.every((v, i) => Object.is(v, blocked[i]));
// and narrow_rows, for a 4-column C
const nc = arena.floats(dm * 4).fill(0.5);
arena.gemm.runInPlace(true, false, dm, 4, dk, da, db.subarray(0, dk * 4), nc, true);
const narrowBlocked = new Float32Array(dm * 4).fill(0.5);
WasmGemm.create(undefined, 'relaxed')!.run(true, false, dm, 4, dk, da, db.subarray(0, dk * 4), narrowBlocked, true);
denseSame &&= nc.every((v, i) => Object.is(v, narrowBlocked[i]));
process.stdout.write(JSON.stringify({ arenaGemm: arena.kernels.gemm, maxError, repeatable, denseSame }));
