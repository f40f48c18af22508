/**
 * The few WebAssembly JS-API members the kernels use, typed here because the engine's
 * TypeScript lib (ES2023, no DOM) does not declare WebAssembly. Reached through
 * globalThis so that hosts without WebAssembly simply get undefined.
 */
export interface WasmMemory {
  /** A SharedArrayBuffer for a shared memory. */
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** The host's WebAssembly namespace, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

/** Bytes per WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;
