// TEMPORARY placeholder so the Electron build has an engine host to bundle.
// The real host (another engineer's task) replaces this file; do not build on it.
import type { HostPort } from './port';

export function runHost(port: HostPort): void {
  port.onMessage(() => port.post({ type: 'error', message: 'engine not ready' }));
}
