/**
 * Turns on WebAssembly relaxed SIMD in a Node host (the CLI, the bench, Electron's utility process),
 * so the gemm kernel's fused multiply-add module validates there as it does in browsers. Node 20's V8
 * has relaxed SIMD behind `--experimental-wasm-relaxed-simd`; V8 reads that flag whenever it validates
 * or compiles a module, so setting it at start, before the first kernel is built, is enough, and it
 * holds for the whole process (kernel and sweep threads too). Node 22+ and Electron ship relaxed SIMD
 * on: there the probe already validates and nothing is set (so an unknown flag is never passed).
 * Reached through process.getBuiltinModule (Node ≥ 20.16) like kernel-threads-node.ts, so this file
 * imports nothing of Node. Which kernel a run then uses is still chosen by validation and recorded.
 */

/** A function returning f32x4.relaxed_madd of three zero vectors: validates only with relaxed SIMD. */
function relaxedProbe(): Uint8Array {
  const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
  const body = [0x00, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x0b]; // f32x4.relaxed_madd; end
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version
    ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // one type: () -> v128
    ...[0x03, 0x02, 0x01, 0x00], // one function of that type
    ...[0x0a, body.length + 2, 0x01, body.length, ...body], // its code
  ]);
}

interface V8Module {
  setFlagsFromString(flags: string): void;
}
interface WasmValidate {
  validate(bytes: Uint8Array): boolean;
}

/** Whether relaxed SIMD validates in this process now (false without WebAssembly). */
export function relaxedSimdValidates(): boolean {
  const wasm = (globalThis as { WebAssembly?: WasmValidate }).WebAssembly;
  return wasm?.validate(relaxedProbe()) ?? false;
}

/**
 * Lets this Node process validate relaxed SIMD; call once at start, before any kernel is built.
 * Harmless where it is on already, outside Node, or where the flag does nothing. Returns whether
 * relaxed SIMD validates afterwards.
 */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdValidates()) return true;
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const v8 = get?.('node:v8') as V8Module | undefined;
  if (v8 === undefined) return false;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdValidates();
}
