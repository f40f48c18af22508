/**
 * Selects a TensorFlow.js backend for the benchmark, single-threaded, and reports what
 * the backend actually runs with (threads, SIMD), read back from tfjs itself.
 */
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export const TFJS_BACKENDS = ['wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

export interface TfjsBackendInfo {
  backend: TfjsBackend;
  tfjsVersion: string;
  /** XNNPACK thread-pool size reported by the wasm backend after it started (wasm only). */
  wasmThreads?: number;
  /** `WASM_HAS_MULTITHREAD_SUPPORT`: tfjs 4.22 hard-codes false in Node (tfjs issue 3830). */
  wasmMultithreadSupport?: boolean;
  /** `WASM_HAS_SIMD_SUPPORT`: true selects tfjs-backend-wasm-simd.wasm. */
  wasmSimd?: boolean;
}

let wasmConfigured = false;

/** Makes `backend` the active tfjs backend; the wasm one is pinned to one thread. */
export async function useTfjsBackend(backend: TfjsBackend): Promise<TfjsBackendInfo> {
  // Skips tfjs's debug-only checks and warnings, as a production app would.
  tf.enableProdMode();
  if (backend === 'wasm' && !wasmConfigured) {
    // Node loads the .wasm files from disk: point the backend at the package's dist folder.
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(dist + '/');
    // Must precede the backend's start; 1 = no XNNPACK worker threads even where threads exist.
    setThreadsCount(1);
    wasmConfigured = true;
  }
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs backend ${backend} failed to start`);
  await tf.ready();
  const info: TfjsBackendInfo = { backend, tfjsVersion: tf.version.tfjs };
  if (backend === 'wasm') {
    info.wasmThreads = getThreadsCount();
    info.wasmMultithreadSupport = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
    info.wasmSimd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  }
  return info;
}
