import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMnistBytes } from '../../src/cli/mnist-file';
import { makeDataset } from '../../src/engine/datasets';
import { Arena, arenaOf, configureKernels } from '../../src/engine/kernels/arena';
import { KERNEL_NONE, stopKernelThreads, threadFailure, type KernelThread } from '../../src/engine/kernels/kernel-team';
import { kernelThreadLoop } from '../../src/engine/kernels/kernel-thread-loop';
import { Trainer } from '../../src/engine/trainer';
import { PRESETS, cloneConfig } from '../../src/shared/config';

/** A kernel thread running `source` (CommonJS) as a Node worker, given `data` as its workerData. */
function workerThread(source: string, data?: unknown): KernelThread {
  const w = new Worker(source, { eval: true, workerData: data });
  w.unref();
  return { post: (init) => w.postMessage(init), terminate: () => void w.terminate() };
}

/**
 * The real kernel thread loop, in a worker whose Atomics are wrapped: the thread that joins
 * second (part 2), the first time it reads the generation after waking, is held there until two
 * more jobs have been handed out, as a thread preempted at that point would be. It writes the
 * generation it waits on at report[0], so the test knows when it is idle again, and the
 * generation it is held at at report[1].
 */
const HELD_THREAD = `const { parentPort, workerData } = require('node:worker_threads');
const real = Atomics;
const report = new Int32Array(workerData);
let ctl = null;
let part = 0;
let held = false;
const atomics = Object.create(real);
atomics.add = (a, i, v) => {
  const r = real.add(a, i, v);
  if (i === 2 && ctl === null) { ctl = a; part = r + 1; }
  return r;
};
atomics.load = (a, i) => {
  const v = real.load(a, i);
  if (a === ctl && i === 0 && part === 2 && !held) {
    held = true;
    real.store(report, 1, v);
    for (let g = real.load(a, 0); g - v < 2; g = real.load(a, 0)) real.wait(a, 0, g);
  }
  return v;
};
atomics.wait = (a, i, v, t) => {
  if (a === ctl && i === 0 && part === 2) real.store(report, 0, v);
  return real.wait(a, i, v, t);
};
globalThis.Atomics = atomics;
const kernelThreadLoop = ${kernelThreadLoop.toString()};
parentPort.on('message', (init) => kernelThreadLoop(init));`;

/** A thread that joins its team (counts itself ready) and then never does its part: a worker that died. */
const SILENT_THREAD = `require('node:worker_threads').parentPort.on('message', (init) => {
  Atomics.add(new Int32Array(init.control), 2, 1);
});`;

describe('kernel thread protocol', () => {
  afterEach(() => {
    configureKernels({ threads: 1, spawn: undefined, stallMs: undefined });
    stopKernelThreads();
  });

  it('a thread slow between reading a job and its part count does its part of a later product once', async () => {
    stopKernelThreads();
    const report = new Int32Array(new SharedArrayBuffer(8)).fill(-1);
    // (before the fix this froze for ever: the held thread did its part twice and the count went below 0;
    // a stall now ends the product with an error after stallMs)
    configureKernels({ threads: 3, stallMs: 20_000, spawn: () => workerThread(HELD_THREAD, report.buffer) });
    const [m, n, k] = [64, 128, 64];
    const arena = Arena.create(4 * (m * k + k * n + m * n) + 1024)!;
    expect(arena.kernels.threads).toBe(3);
    const team = arena.gemm.team!;
    await vi.waitFor(() => expect(team.parts).toBe(3), { timeout: 60_000 });
    // small integers: every order of the sums gives the same exact float32 values
    const a = arena.floats(m * k);
    const b = arena.floats(k * n);
    a.forEach((_, i) => (a[i] = ((i * 7) % 5) - 2));
    b.forEach((_, i) => (b[i] = ((i * 3) % 7) - 3));
    const c = arena.floats(m * n);
    // jobs 1 and 2 have fewer parts than ready threads (as a likelihood of few blocks or a product
    // of few rows): part 2's thread wakes for job 1 and is held until job 3 is handed out
    for (let job = 1; job <= 2; job++) {
      team.setPart(1, KERNEL_NONE, []);
      team.run(2, () => undefined);
      // job 2 only once part 2's thread is held at job 1 (else it would wake for job 2 first)
      if (job === 1) await vi.waitFor(() => expect(Atomics.load(report, 1)).toBe(1), { timeout: 60_000 });
    }
    // job 3: C += A·B cut in three parts of columns
    arena.gemm.runInPlace(false, false, m, n, k, a, b, c, true);
    await vi.waitFor(() => expect(Atomics.load(report, 0)).toBe(3), { timeout: 60_000 });
    const want = new Float32Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        want[i * n + j] = s;
      }
    const wrong = c.findIndex((v, i) => v !== want[i]);
    expect(wrong, `C[${wrong}] = ${c[wrong]}, not ${want[wrong]} (a part done twice)`).toBe(-1);
    // and the next product still runs on all three threads, ending
    arena.gemm.runInPlace(false, false, m, n, k, a, b, c, false);
    expect(c.findIndex((v, i) => v !== want[i])).toBe(-1);
  }, 120_000);

  it('a kernel thread that never finishes its part ends the step with an error naming it, not a silent hang', async () => {
    stopKernelThreads();
    configureKernels({ threads: 2, stallMs: 300, spawn: () => workerThread(SILENT_THREAD) });
    const config = cloneConfig(PRESETS.mnist);
    const trainer = new Trainer(config, makeDataset(config.dataset, { mnistBytes: readMnistBytes() }));
    const team = arenaOf(trainer.params[0].value)!.gemm.team!;
    await vi.waitFor(() => expect(team.parts).toBe(2), { timeout: 60_000 });
    const reason = 'kernel thread 1 did not finish its part of a product in 300 ms';
    expect(() => trainer.advance(() => true)).toThrow(
      `${reason}; this run continues on one thread from a new start or configure`,
    );
    expect(threadFailure()).toBe(reason);
    expect(team.parts).toBe(1);
    const next = new Trainer(cloneConfig(PRESETS.lecture), makeDataset(PRESETS.lecture.dataset));
    expect(next.kernels).toMatchObject({ threads: 1, note: `one thread: ${reason}` });
    expect(next.runEpoch()).not.toBeNull();
  }, 120_000);
});
