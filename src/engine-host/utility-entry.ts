/**
 * Entry of the engine host when it runs as an Electron utility process (`utilityProcess.fork`).
 * Main posts one message carrying a MessagePortMain whose other end is in the page; this file
 * adapts that port to {@link HostPort} and runs the host on it. Electron's types are described
 * structurally so engine-host keeps importing nothing but engine and shared.
 */
import { resolveThreads } from '../shared/settings';
import { runHost } from './host';
import { useNodeKernelThreads } from './kernel-threads-node';
import { enableRelaxedSimd } from './relaxed-simd-node';
import type { HostPort } from './port';

/** The part of Electron's `MessagePortMain` used here. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
}

/** The part of Electron's `process.parentPort` used here. */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
}

/**
 * `MessagePortMain` transfers only ports, not ArrayBuffers: buffers listed in `transfer`
 * are structured-cloned (copied) on their way to the page.
 */
export function adaptMessagePortMain(port: MessagePortMainLike): HostPort {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (receive) => {
      port.on('message', (event) => receive(event.data));
      port.start(); // MessagePortMain queues messages until started
    },
  };
}

const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
enableRelaxedSimd(); // on already in Electron's V8; kept so every Node host runs the same kernels
useNodeKernelThreads(resolveThreads(0, cores, 'app'));

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort === undefined) {
  console.error('engine-host/utility-entry must run in an Electron utility process (process.parentPort is missing).');
} else {
  let started = false;
  parentPort.on('message', (event) => {
    const [port] = event.ports;
    if (started || port === undefined) return; // one page, one port, one host per process
    started = true;
    runHost(adaptMessagePortMain(port));
  });
}
