/** Entry of the worker that startHostWorker (./engine-host.ts) starts: the engine host on this thread's parentPort. */
import { parentPort } from 'node:worker_threads';
import { runHost } from '../../src/engine-host/host';

if (!parentPort) throw new Error('engine-host-worker.ts must run inside a worker_threads Worker');
const port = parentPort;
runHost({
  post: (message, transfer) => port.postMessage(message, transfer ?? []),
  onMessage: (receive) => void port.on('message', receive),
});
