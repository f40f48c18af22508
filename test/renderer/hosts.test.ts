/**
 * The renderer's two hosts with fake surroundings: what reaches the page (validated events,
 * engine starts and stops) and what reaches the engine (commands, in order, never to a dead one).
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { ENGINE_PORT_MESSAGE, type EngineExit, type MenuCommand, type VaeLabApi } from '../../src/shared/preload-api';
import { command, event, type EngineEvent } from '../../src/shared/protocol';
import { ElectronHost, type EnginePort, type PortWindow } from '../../src/renderer/src/hosts/electron-host';
import type { EngineStop } from '../../src/renderer/src/hosts/host';
import { WebHost, type WorkerLike } from '../../src/renderer/src/hosts/web-host';

const STATUS = event({ type: 'status', state: 'idle', epoch: 0, epochs: 800, live: null });

/** Just enough of a Worker: records posts, lets the test fire its events. */
class FakeWorker {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault: () => void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function webHost() {
  const workers: FakeWorker[] = [];
  const host = new WebHost((): WorkerLike => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const events: EngineEvent[] = [];
  const errors: string[] = [];
  const starts: number[] = [];
  const stops: EngineStop[] = [];
  host.onEvent((e) => events.push(e));
  host.onProtocolError((m) => errors.push(m));
  host.onEngineStart((g) => starts.push(g));
  host.onEngineStop((s) => stops.push(s));
  return { host, workers, events, errors, starts, stops };
}

describe('WebHost', () => {
  it('starts one worker, sends it commands and passes on validated events only', () => {
    const { host, workers, events, errors, starts } = webHost();
    host.connect();
    expect(workers).toHaveLength(1);
    expect(starts).toEqual([1]);
    host.send(command({ type: 'start' }));
    expect(workers[0].posted).toEqual([{ v: 1, type: 'start' }]);

    workers[0].onmessage?.({ data: STATUS });
    workers[0].onmessage?.({ data: { v: 1, type: 'status', state: 'flying' } });
    expect(events).toEqual([STATUS]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/state/);
  });

  it('reports a worker error as the engine stopping, with the message, and terminates the worker', () => {
    const { host, workers, stops } = webHost();
    host.connect();
    const preventDefault = vi.fn();
    workers[0].onerror?.({ message: 'Uncaught Error: boom', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(workers[0].terminated).toBe(true);
    expect(stops).toEqual([{ reason: 'worker error: Uncaught Error: boom', restartInMs: null }]);
  });

  it('drops commands meant for a dead engine; restart gives a fresh worker that gets the new ones', async () => {
    const { host, workers, starts, stops } = webHost();
    host.connect();
    workers[0].onerror?.({ message: 'x', preventDefault: () => undefined });
    host.send(command({ type: 'pause' })); // nobody to hear it
    await host.restartEngine();
    expect(workers).toHaveLength(2);
    expect(starts).toEqual([1, 2]);
    host.send(command({ type: 'ping', id: 7 }));
    expect(workers[1].posted).toEqual([{ v: 1, type: 'ping', id: 7 }]);
    expect(workers[0].posted).toEqual([]);

    // A user restart of a healthy engine is not a crash: no stop is reported.
    await host.restartEngine();
    expect(workers[1].terminated).toBe(true);
    expect(stops).toHaveLength(1);
  });
});

/** A preload API whose main-process side the test plays. */
function fakeApi() {
  let exitListener: ((exit: EngineExit) => void) | null = null;
  let menuListener: ((c: MenuCommand) => void) | null = null;
  const api: VaeLabApi & { accepted: number; restarts: number } = {
    accepted: 0,
    restarts: 0,
    acceptEnginePorts() {
      this.accepted += 1;
    },
    async restartEngine() {
      this.restarts += 1;
    },
    onEngineExit(listener) {
      exitListener = listener;
      return () => undefined;
    },
    onMenu(listener) {
      menuListener = listener;
      return () => undefined;
    },
    openExternal: async () => true,
  };
  return { api, exit: (e: EngineExit) => exitListener?.(e), menu: (c: MenuCommand) => menuListener?.(c) };
}

/** The page's window: its message listeners, which the preload's postMessage reaches. */
function fakeWindow() {
  type Listener = Parameters<PortWindow['addEventListener']>[1];
  const listeners: Listener[] = [];
  const win: PortWindow = { addEventListener: (_type, l) => listeners.push(l) };
  /** Node's MessagePort has the `onmessage` / `postMessage` / `close` the host uses. */
  const deliver = (data: unknown, ports: unknown[], source: unknown = win) => {
    for (const l of listeners) l({ data, ports: ports as EnginePort[], source });
  };
  return { win, deliver };
}

describe('ElectronHost', () => {
  it('takes the engine port from the preload message and talks through it', async () => {
    const { api } = fakeApi();
    const { win, deliver } = fakeWindow();
    const host = new ElectronHost(api, win);
    const starts: number[] = [];
    const events: EngineEvent[] = [];
    host.onEngineStart((g) => starts.push(g));
    host.onEvent((e) => events.push(e));
    host.send(command({ type: 'ping', id: 1 })); // before any port: waits
    host.connect();
    expect(api.accepted).toBe(1);

    const { port1: page, port2: engine } = new MessageChannel();
    const toEngine: unknown[] = [];
    engine.on('message', (data: unknown) => toEngine.push(data));
    deliver('something else', [page]);
    deliver(ENGINE_PORT_MESSAGE, [page], {}); // not from this window
    expect(starts).toEqual([]);
    deliver(ENGINE_PORT_MESSAGE, [page]);
    expect(starts).toEqual([1]);

    engine.postMessage(STATUS);
    await vi.waitFor(() => expect(toEngine).toEqual([{ v: 1, type: 'ping', id: 1 }]));
    await vi.waitFor(() => expect(events).toEqual([STATUS]));
    page.close();
    engine.close();
  });

  it('reports an engine exit with its code and the automatic restart, and forwards menu commands', async () => {
    const { api, exit, menu } = fakeApi();
    const { win, deliver } = fakeWindow();
    const host = new ElectronHost(api, win);
    const stops: EngineStop[] = [];
    const menus: MenuCommand[] = [];
    host.onEngineStop((s) => stops.push(s));
    host.onMenu((c) => menus.push(c));
    host.connect();
    const first = new MessageChannel();
    deliver(ENGINE_PORT_MESSAGE, [first.port1]);

    exit({ code: 3, restartInMs: 2000, gaveUp: false });
    exit({ code: 9, restartInMs: null, gaveUp: true });
    expect(stops).toEqual([
      { reason: 'exit code 3', restartInMs: 2000 },
      { reason: 'exit code 9', restartInMs: null },
    ]);
    await host.restartEngine();
    expect(api.restarts).toBe(1);
    menu('train-toggle');
    expect(menus).toEqual(['train-toggle']);
    first.port2.close();
  });
});
