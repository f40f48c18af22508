import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { startHostWorker } from '../support/engine-host';

describe('engine host in a worker_threads Worker', () => {
  it('survives terminate() mid-training: a new worker continues from an earlier checkpoint with the same epochs', async () => {
    const first = startHostWorker();
    await first.client.waitFor('ready', () => true, 0);
    first.client.send({ type: 'configure', config: cloneConfig(LECTURE_PRESET) });
    first.client.send({ type: 'start' });
    await first.client.waitFor('metrics', (e) => e.metrics.at(-1)!.epoch >= 10);
    first.client.send({ type: 'getCheckpoint', id: 1 });
    const checkpoint = await first.client.waitFor('checkpoint', (e) => e.id === 1);
    const taken = checkpoint.state.epoch;
    expect(taken).toBeGreaterThanOrEqual(10);
    expect(checkpoint.history.map((m) => m.epoch)).toEqual(Array.from({ length: taken }, (_, i) => i + 1));
    await first.client.waitFor('metrics', (e) => e.metrics.at(-1)!.epoch >= taken + 5);
    expect(first.client.of('status').at(-1)!.state).toBe('running');
    await first.worker.terminate();
    expect(await first.exit).toBe(1);
    const firstRun = first.client.metrics();
    expect(first.errors).toEqual([]);
    // Everything the killed worker got out before it died is whole and valid (events already posted
    // may still arrive while terminate() runs, so their count is not fixed).
    expect(first.client.invalid).toEqual([]);
    expect(firstRun.map((m) => m.epoch)).toEqual(Array.from({ length: firstRun.length }, (_, i) => i + 1));

    const second = startHostWorker();
    second.client.send({ type: 'configure', config: checkpoint.config });
    second.client.send({ type: 'loadCheckpoint', state: checkpoint.state, history: checkpoint.history });
    const loaded = await second.client.waitFor('status', (s) => s.state === 'paused');
    expect(loaded.epoch).toBe(taken);
    second.client.send({ type: 'start' });
    await second.client.waitFor('metrics', (e) => e.metrics.at(-1)!.epoch >= taken + 5);
    second.client.send({ type: 'pause' });
    await second.client.waitFor('status', (s) => s.state === 'paused' && s.epoch >= taken + 5);
    const resumed = second.client.metrics().slice(0, 5);
    expect(resumed.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5].map((i) => taken + i));
    const original = firstRun.filter((m) => m.epoch > taken && m.epoch <= taken + 5);
    expect(resumed.map((m) => m.loss)).toEqual(original.map((m) => m.loss));
    expect(second.client.invalid).toEqual([]);
    await second.worker.terminate();
    await second.exit;
  });
});
