import { nextMacrotask } from '../../src/engine-host/macrotask';
import type { HostPort } from '../../src/engine-host/port';

/**
 * Two connected in-process ports, like the ends of a MessageChannel: what one posts, the other
 * receives in a later macrotask, structured-cloned (buffers in `transfer` move and are detached
 * on the sending side). Messages sent before a receiver registers wait for it.
 * For tests that run the host on their own thread (test/support/engine-host.ts).
 */
export function createPortPair(): [HostPort, HostPort] {
  const a = new PortEnd();
  const b = new PortEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class PortEnd implements HostPort {
  peer: PortEnd | null = null;
  private receive: ((message: unknown) => void) | null = null;
  private readonly waiting: unknown[] = [];

  post(message: unknown, transfer?: ArrayBuffer[]): void {
    const copy = structuredClone(message, { transfer: transfer ?? [] });
    const peer = this.peer;
    if (peer) nextMacrotask(() => peer.deliver(copy));
  }

  onMessage(receive: (message: unknown) => void): void {
    this.receive = receive;
    const waiting = this.waiting.splice(0);
    for (const m of waiting) receive(m);
  }

  private deliver(message: unknown): void {
    if (this.receive) this.receive(message);
    else this.waiting.push(message);
  }
}
