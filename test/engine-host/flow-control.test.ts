/** A client that acknowledges what it has shown is never sent more than one unshown batch. */
import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { startHost, type HostClient } from '../support/engine-host';

/** Epochs the host has trained, read from a checkpoint (which flow control never holds back). */
async function trainedEpochs(client: HostClient): Promise<number> {
  const from = client.events.length;
  client.send({ type: 'getCheckpoint' });
  return (await client.waitFor('checkpoint', () => true, from)).state.epoch;
}

describe('flow control with acks', () => {
  it('holds metrics and periodic snapshots while one is unacknowledged, then sends every epoch held', async () => {
    const client = startHost();
    const config = cloneConfig(LECTURE_PRESET);
    config.dataset.params = { ...config.dataset.params, perClass: 40 };
    config.train.epochs = 100000;
    client.send({ type: 'configure', config });
    client.send({ type: 'start' });
    await client.waitFor('metrics');
    await client.waitFor('snapshot', (e) => e.snapshot.epoch > 0);
    client.send({ type: 'ack', event: 'metrics' });
    client.send({ type: 'ack', event: 'snapshot' });
    // Once the host has read both acks (a ping answered after them), count what it sends.
    await client.sync();
    const acked = client.events.length;
    const shownUpTo = client.metrics().at(-1)!.epoch;

    // Training goes on; however many epochs pass, at most one batch and one snapshot come.
    while ((await trainedEpochs(client)) < shownUpTo + 200) await new Promise((r) => setTimeout(r, 20));
    expect(client.of('metrics', acked).length).toBeLessThanOrEqual(1);
    expect(client.of('snapshot', acked).length).toBeLessThanOrEqual(1);

    // The next ack releases everything held, as one batch, none dropped.
    const before = client.events.length;
    client.send({ type: 'ack', event: 'metrics' });
    const released = await client.waitFor('metrics', () => true, before);
    expect(released.metrics.length).toBeGreaterThan(100);
    client.send({ type: 'pause' });
    await client.waitFor('status', (s) => s.state === 'paused');
    const epochs = client.metrics().map((m) => m.epoch);
    expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
    expect(client.invalid).toEqual([]);
  });

  it('a client that never acks gets metrics at the usual pace', async () => {
    const client = startHost();
    const config = cloneConfig(LECTURE_PRESET);
    config.dataset.params = { ...config.dataset.params, perClass: 40 };
    config.train.epochs = 300;
    client.send({ type: 'configure', config });
    client.send({ type: 'start' });
    await client.waitFor('status', (s) => s.state === 'done');
    expect(client.metrics().at(-1)!.epoch).toBe(300);
  });
});
