/** Worker entry used by test/host-worker.test.ts: the engine host on this worker's parentPort. */
import { runHostInWorkerThread } from '../src/cli/host-adapters';

runHostInWorkerThread();
