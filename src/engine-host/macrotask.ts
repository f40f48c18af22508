/**
 * Yielding to the event loop between training slices, so queued messages run in between.
 * A macrotask, not a microtask: microtasks run before incoming messages and would starve them.
 * setImmediate (Node, Electron utility process) and a MessageChannel (Workers, browsers) avoid
 * the ≥1–4 ms clamp of nested setTimeout(0); setTimeout is the last resort.
 */

type Callback = () => void;

interface ChannelLike {
  port1: { onmessage: ((event: unknown) => void) | null; close?(): void };
  port2: { postMessage(message: unknown): void };
}

interface MacrotaskGlobals {
  setImmediate?: (run: Callback) => unknown;
  MessageChannel?: new () => ChannelLike;
}

const globals = globalThis as unknown as MacrotaskGlobals;

function channelScheduler(Channel: new () => ChannelLike): (run: Callback) => void {
  const queue: Callback[] = [];
  const channel = new Channel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (run) => {
    queue.push(run);
    channel.port2.postMessage(null);
  };
}

function pickScheduler(): (run: Callback) => void {
  const immediate = globals.setImmediate;
  if (typeof immediate === 'function') return (run) => void immediate(run);
  if (typeof globals.MessageChannel === 'function') return channelScheduler(globals.MessageChannel);
  return (run) => void setTimeout(run, 0);
}

/** Runs `run` in a later macrotask. */
export const nextMacrotask: (run: Callback) => void = pickScheduler();
