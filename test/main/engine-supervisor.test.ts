import { describe, expect, it } from 'vitest';
import type { EngineExit } from '../../src/shared/preload-api';
import { ENGINE_PORT_TO_HOST, EngineSupervisor, type EngineProcess } from '../../src/main/engine-supervisor';

class FakeChild implements EngineProcess {
  received: { message: unknown; transfer?: object[] }[] = [];
  killed = false;
  private exitListener: ((code: number) => void) | null = null;
  postMessage(message: unknown, transfer?: object[]): void {
    this.received.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    this.exitListener?.(0); // Electron emits exit after kill too
    return true;
  }
  once(_event: 'exit', listener: (code: number) => void): this {
    this.exitListener = listener;
    return this;
  }
  crash(code: number): void {
    this.exitListener?.(code);
  }
}

/** A supervisor on fakes: a manual clock and timers that run only when told. */
function harness() {
  const children: FakeChild[] = [];
  const pagePorts: object[] = [];
  const exits: EngineExit[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let clock = 0;
  let channel = 0;
  const supervisor = new EngineSupervisor({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    createChannel: () => {
      channel += 1;
      return { port1: { id: `host-${channel}` }, port2: { id: `page-${channel}` } };
    },
    sendPortToPage: (port) => pagePorts.push(port),
    notifyPage: (exit) => exits.push(exit),
    now: () => clock,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  });
  const fireTimers = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.run();
  };
  return { supervisor, children, pagePorts, exits, timers, fireTimers, advance: (ms: number) => (clock += ms) };
}

describe('EngineSupervisor', () => {
  it('gives the two ends of one channel to the engine and to the page', () => {
    const h = harness();
    h.supervisor.start();
    expect(h.children).toHaveLength(1);
    expect(h.children[0].received).toEqual([{ message: ENGINE_PORT_TO_HOST, transfer: [{ id: 'host-1' }] }]);
    expect(h.pagePorts).toEqual([{ id: 'page-1' }]);
    expect(h.supervisor.running).toBe(true);
  });

  it('tells the page about a crash and restarts after the back-off with a fresh channel', () => {
    const h = harness();
    h.supervisor.start();
    h.children[0].crash(7);
    expect(h.exits).toEqual([{ code: 7, restartInMs: 500, gaveUp: false }]);
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
    expect(h.supervisor.running).toBe(false);
    h.fireTimers();
    expect(h.children).toHaveLength(2);
    expect(h.pagePorts).toEqual([{ id: 'page-1' }, { id: 'page-2' }]);
  });

  it('gives up after 5 quick crashes and restarts again only when asked', () => {
    const h = harness();
    h.supervisor.start();
    for (let i = 0; i < 5; i += 1) {
      h.advance(100);
      h.children.at(-1)!.crash(1);
      h.fireTimers();
    }
    expect(h.exits.map((e) => e.restartInMs)).toEqual([500, 1_000, 2_000, 4_000, null]);
    expect(h.exits.at(-1)).toEqual({ code: 1, restartInMs: null, gaveUp: true });
    expect(h.children).toHaveLength(5);
    expect(h.supervisor.running).toBe(false);

    h.supervisor.restart();
    expect(h.children).toHaveLength(6);
    h.children[5].crash(1);
    expect(h.exits.at(-1)).toEqual({ code: 1, restartInMs: 500, gaveUp: false }); // history forgotten
  });

  it('does not treat its own kills as crashes', () => {
    const h = harness();
    h.supervisor.start();
    h.supervisor.start(); // page reloaded
    expect(h.children[0].killed).toBe(true);
    expect(h.exits).toEqual([]);
    h.supervisor.stop();
    expect(h.children[1].killed).toBe(true);
    expect(h.exits).toEqual([]);
    expect(h.timers).toEqual([]);
  });

  it('a stop during the back-off cancels the pending restart', () => {
    const h = harness();
    h.supervisor.start();
    h.children[0].crash(3);
    h.supervisor.stop();
    h.fireTimers();
    expect(h.children).toHaveLength(1);
  });
});
