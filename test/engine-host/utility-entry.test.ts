import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HostPort } from '../../src/engine-host/port';

const runHost = vi.fn((_port: HostPort) => undefined);
vi.mock('../../src/engine-host/host', () => ({ runHost: (port: HostPort) => runHost(port) }));

type ParentListener = (event: { data: unknown; ports: FakePort[] }) => void;
let parentListener: ParentListener | null = null;

class FakePort {
  posted: unknown[] = [];
  started = false;
  listener: ((event: { data: unknown }) => void) | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  on(_event: 'message', listener: (event: { data: unknown }) => void): void {
    this.listener = listener;
  }
  start(): void {
    this.started = true;
  }
}

// What Electron gives a utility process; set before the entry runs.
(process as unknown as { parentPort: unknown }).parentPort = {
  on: (_event: string, l: ParentListener) => (parentListener = l),
};
await import('../../src/engine-host/utility-entry');
afterAll(() => {
  delete (process as unknown as { parentPort?: unknown }).parentPort;
});

describe('utility-entry', () => {
  it('runs the host once, on the first port main sends', () => {
    expect(runHost).not.toHaveBeenCalled();
    parentListener!({ data: { type: 'no-port' }, ports: [] });
    expect(runHost).not.toHaveBeenCalled();
    const port = new FakePort();
    parentListener!({ data: { type: 'engine-port' }, ports: [port] });
    parentListener!({ data: { type: 'engine-port' }, ports: [new FakePort()] });
    expect(runHost).toHaveBeenCalledTimes(1);

    const hostPort = runHost.mock.calls[0][0];
    const received: unknown[] = [];
    hostPort.onMessage((message) => received.push(message));
    expect(port.started).toBe(true);
    port.listener!({ data: { type: 'start' } });
    expect(received).toEqual([{ type: 'start' }]);
    hostPort.post({ type: 'metrics', epoch: 1 }, [new ArrayBuffer(8)]);
    expect(port.posted).toEqual([{ type: 'metrics', epoch: 1 }]);
  });
});
