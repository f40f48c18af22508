/**
 * Entry of a kernel thread in the web build: a module Worker started by the engine's Worker
 * (kernel-threads-web.ts); each message binds it to a new arena (kernel-thread-loop.ts).
 */
import { kernelThreadLoop, type KernelThreadInit } from '../engine/kernels/kernel-thread-loop';

(globalThis as unknown as { onmessage: (e: { data: KernelThreadInit }) => void }).onmessage = (e) =>
  kernelThreadLoop(e.data);
