import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readMnistBytes } from '../../src/cli/mnist-file';
import { useNodeKernelThreads } from '../../src/engine-host/kernel-threads-node';
import { makeDataset } from '../../src/engine/datasets';
import { arenaOf, configureKernels } from '../../src/engine/kernels/arena';
import { KERNEL_GEMM, noteThreadFailure, stopKernelThreads, threadFailure } from '../../src/engine/kernels/kernel-team';
import { Trainer } from '../../src/engine/trainer';
import { PRESETS, cloneConfig } from '../../src/shared/config';

const STEPS = 12;

/** Waits (on the state, not a time) until every kernel thread of the trainer's arena is ready. */
async function threadsReady(trainer: Trainer, threads: number): Promise<void> {
  const arena = arenaOf(trainer.params[0].value)!;
  while ((arena.gemm.team?.parts ?? 1) < threads) await new Promise((r) => setTimeout(r, 5));
}

/** MNIST 784-256-2 (its products are large enough to be split) trained STEPS steps with `threads` threads. */
async function trainWith(
  threads: number,
  coresFree?: () => boolean,
): Promise<{ weights: Float32Array[]; kernels: unknown; sums: number[]; moments: Float32Array[] }> {
  useNodeKernelThreads(threads);
  if (coresFree) configureKernels({ coresFree });
  const config = cloneConfig(PRESETS.mnist);
  const trainer = new Trainer(config, makeDataset(config.dataset, { mnistBytes: readMnistBytes() }));
  await threadsReady(trainer, threads);
  let steps = 0;
  trainer.advance(() => ++steps >= STEPS);
  const state = trainer.getState();
  return {
    weights: trainer.params.map((p) => p.value.slice()),
    kernels: arenaOf(trainer.params[0].value)!.kernels,
    // the epoch's running sums of the losses: the Bernoulli likelihood's totals, cut across threads
    sums: [state.progress!.loss, state.progress!.recon, state.progress!.kl],
    moments: state.optimizer.buffers,
  };
}

describe('multi-threaded kernels', () => {
  afterAll(() => {
    configureKernels({ threads: 1, spawn: undefined });
    stopKernelThreads();
  });

  it('1, 2 and 3 threads give bit-identical weights, Adam moments and losses after training', async () => {
    const one = await trainWith(1);
    const two = await trainWith(2);
    const three = await trainWith(3);
    expect(one.kernels).toMatchObject({ threads: 1, note: null });
    expect(two.kernels).toMatchObject({ threads: 2, note: null });
    expect(three.kernels).toMatchObject({ threads: 3, note: null });
    for (const other of [two, three])
      other.weights.forEach((w, i) =>
        expect(Buffer.from(w.buffer).equals(Buffer.from(one.weights[i].buffer))).toBe(true),
      );
    expect(one.weights[0].some((v, i) => v !== three.weights[0][i])).toBe(false);
    for (const other of [two, three]) {
      other.moments.forEach((b, i) =>
        expect(Buffer.from(b.buffer).equals(Buffer.from(one.moments[i].buffer))).toBe(true),
      );
      other.sums.forEach((x, i) => expect(Object.is(x, one.sums[i]), `sum ${i}: ${x} vs ${one.sums[i]}`).toBe(true));
    }
  }, 240_000);

  it('threads that spin between products (the cores free) and threads that sleep give the same bits', async () => {
    const spinning = await trainWith(2, () => true);
    const sleeping = await trainWith(2, () => false);
    spinning.weights.forEach((w, i) =>
      expect(Buffer.from(w.buffer).equals(Buffer.from(sleeping.weights[i].buffer))).toBe(true),
    );
    expect(spinning.sums).toEqual(sleeping.sums);
  }, 240_000);

  it('without a way to start threads it runs on one and says why', () => {
    configureKernels({ threads: 2, spawn: undefined });
    const config = cloneConfig(PRESETS.lecture);
    const trainer = new Trainer(config, makeDataset(config.dataset));
    expect(arenaOf(trainer.params[0].value)!.kernels).toMatchObject({
      threads: 1,
      note: 'one thread: this host cannot start kernel threads',
    });
  });

  it('where kernel threads cannot start, training runs on one thread and says why', () => {
    stopKernelThreads();
    configureKernels({
      threads: 2,
      spawn: () => {
        throw new Error('The V8 platform used by this instance of Node does not support creating Workers');
      },
    });
    const config = cloneConfig(PRESETS.lecture);
    const trainer = new Trainer(config, makeDataset(config.dataset));
    expect(trainer.kernels).toMatchObject({
      threads: 1,
      note: 'one thread: kernel threads could not start (The V8 platform used by this instance of Node does not support creating Workers)',
    });
    expect(trainer.kernels.gemm).not.toBe('js');
    expect(trainer.runEpoch()).not.toBeNull();
    stopKernelThreads();
  });

  it('a kernel thread that fails to run leaves the next arenas on one thread, with the reason', async () => {
    stopKernelThreads();
    // a Node worker whose script throws at once, as a host refusing the kernel module would
    configureKernels({
      threads: 2,
      spawn: () => {
        const w = new Worker('throw new Error("no module here")', { eval: true });
        w.unref();
        w.on('error', (e) => noteThreadFailure(`a kernel thread failed to run (${e.message})`));
        return { post: (init) => w.postMessage(init), terminate: () => void w.terminate() };
      },
    });
    const config = cloneConfig(PRESETS.lecture);
    const first = new Trainer(config, makeDataset(config.dataset));
    expect(first.kernels.threads).toBe(2);
    // the thread never joins: the first run trains on this thread alone
    expect(first.runEpoch()).not.toBeNull();
    await vi.waitFor(() => expect(threadFailure()).not.toBeNull());
    const next = new Trainer(config, makeDataset(config.dataset));
    expect(next.kernels).toMatchObject({
      threads: 1,
      note: 'one thread: a kernel thread failed to run (no module here)',
    });
    stopKernelThreads();
  });

  it('a kernel that traps in a thread ends its product with an error, not a hang, and later arenas use one thread', async () => {
    stopKernelThreads();
    useNodeKernelThreads(2);
    const config = cloneConfig(PRESETS.mnist);
    const trainer = new Trainer(config, makeDataset(config.dataset, { mnistBytes: readMnistBytes() }));
    await threadsReady(trainer, 2);
    const team = arenaOf(trainer.params[0].value)!.gemm.team!;
    // part 1: a product whose operands lie far past the end of the memory (a wasm trap in the thread)
    const outside = 0x7ff00000;
    team.setPart(1, KERNEL_GEMM, [outside, 4, 4, outside, 4, 4, outside, 4, 4, 4, 4, 0, 0]);
    expect(() => team.run(2, () => undefined)).toThrow(/a kernel thread failed/);
    expect(threadFailure()).toBe('a kernel thread failed');
    const next = new Trainer(cloneConfig(PRESETS.lecture), makeDataset(PRESETS.lecture.dataset));
    expect(next.kernels).toMatchObject({ threads: 1, note: 'one thread: a kernel thread failed' });
    expect(next.runEpoch()).not.toBeNull();
    stopKernelThreads();
  });
});
