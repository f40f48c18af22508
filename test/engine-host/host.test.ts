import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET, type ExperimentConfig } from '../../src/shared/config';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { runHost } from '../../src/engine-host/host';
import { startHost } from '../support/engine-host';

function lecture(change: (c: ExperimentConfig) => void = () => {}): ExperimentConfig {
  const c = cloneConfig(LECTURE_PRESET);
  change(c);
  return c;
}

/** Epochs 1 … n with no gap and no repeat. */
function expectConsecutive(epochs: number[]): void {
  expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
}

describe('engine host (in-process port)', () => {
  it('says ready, then configures the lecture run with a dataset event and a first snapshot', async () => {
    const client = startHost();
    const ready = await client.waitFor('ready', () => true, 0);
    expect(ready.protocolVersion).toBe(PROTOCOL_VERSION);
    client.send({ type: 'configure', config: lecture() });
    const dataset = await client.waitFor('dataset');
    expect(dataset.dataset).toMatchObject({ n: 4000, dim: 2, latent: 2, classes: 5 });
    expect(dataset.dataset.x).toBeInstanceOf(Float32Array);
    expect(dataset.dataset.x.length).toBe(8000);
    const status = await client.waitFor('status', (s) => s.state === 'idle' && s.live !== null);
    expect(status).toMatchObject({ epoch: 0, epochs: 800, live: { beta: 0.25, sigma2: 0.03, lr: 3e-3, speed: 'max' } });
    const { snapshot } = await client.waitFor('snapshot');
    expect(snapshot.epoch).toBe(0);
    expect(snapshot.means).toBeInstanceOf(Float32Array);
    expect(snapshot.means.length).toBe(4000 * 2);
    expect(snapshot).toMatchObject({ rows: 4000, totalRows: 4000, subset: false, latent: 2, dim: 2 });
    expect(snapshot.prior.count).toBe(500);
    for (const a of [snapshot.prior.z, snapshot.prior.mean, snapshot.prior.sample]) {
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(1000);
    }
    expect(snapshot.prior.sample).not.toEqual(snapshot.prior.mean);
    expect(snapshot.grid?.size).toBe(15);
    expect(snapshot.grid?.mean).toBeInstanceOf(Float32Array);
    expect(snapshot.grid?.mean.length).toBe(225 * 2);
    expect(snapshot.grid?.axis[7]).toBe(0);
    expect(snapshot.grid?.axis[14]).toBeCloseTo(1.8339146358159142, 5); // Φ⁻¹(14.5/15)
    expect(snapshot.recon.x.length).toBe(8 * 2);
    expect(Array.from(snapshot.means).every(Number.isFinite)).toBe(true);
    expect(client.invalid).toEqual([]);
  });

  it('trains with falling loss, pauses with no metrics after the paused status, steps exactly one epoch', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture() });
    client.send({ type: 'start' });
    await client.waitFor('status', (s) => s.state === 'running');
    await client.waitFor('metrics', (e) => e.metrics.at(-1)!.epoch >= 25);
    client.send({ type: 'pause' });
    const paused = await client.waitFor('status', (s) => s.state === 'paused');
    const pausedAt = client.events.indexOf(paused);
    await client.sync();
    expect(client.of('metrics', pausedAt)).toEqual([]);
    expect(client.of('snapshot', pausedAt).length).toBeGreaterThanOrEqual(1);

    const metrics = client.metrics();
    expectConsecutive(metrics.map((m) => m.epoch));
    expect(metrics.at(-1)!.epoch).toBe(paused.epoch);
    expect(metrics[19].loss).toBeLessThan(metrics[0].loss / 5);
    expect(metrics[24].loss).toBeLessThan(metrics[9].loss);
    expect(client.of('metrics').length).toBeLessThan(metrics.length + 1);

    const before = client.events.length;
    client.send({ type: 'step' });
    const stepped = await client.waitFor('status', (s) => s.state === 'paused', before);
    await client.sync();
    expect(client.metrics(before).map((m) => m.epoch)).toEqual([paused.epoch + 1]);
    expect(stepped.epoch).toBe(paused.epoch + 1);
    expect(client.of('snapshot', before).at(-1)!.snapshot.epoch).toBe(paused.epoch + 1);
    expect(client.invalid).toEqual([]);
  });

  it('applies a live β to the next epochs of a running job', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture() });
    client.send({ type: 'start' });
    await client.waitFor('metrics', (e) => e.metrics.at(-1)!.epoch >= 3);
    client.send({ type: 'setLive', live: { beta: 0.5, speed: 200 } });
    const status = await client.waitFor('status', (s) => s.live?.beta === 0.5);
    expect(status.state).toBe('running');
    expect(status.live?.speed).toBe(200);
    const changed = await client.waitFor('metrics', (e) => e.metrics.some((m) => m.beta === 0.5));
    client.send({ type: 'pause' });
    await client.waitFor('status', (s) => s.state === 'paused');
    const metrics = client.metrics();
    expectConsecutive(metrics.map((m) => m.epoch));
    const first = changed.metrics.find((m) => m.beta === 0.5)!.epoch;
    expect(metrics.filter((m) => m.epoch < first).every((m) => m.beta === 0.25)).toBe(true);
    expect(metrics.filter((m) => m.epoch >= first).every((m) => m.beta === 0.5)).toBe(true);
    expect(first).toBeGreaterThan(3);
  });

  it('answers malformed commands with error events naming the field, and keeps working', async () => {
    const client = startHost();
    const cases: [unknown, string | null, RegExp][] = [
      [{ v: PROTOCOL_VERSION, type: 'fly' }, 'fly', /type/],
      [{ v: PROTOCOL_VERSION, type: 'setLive', live: { beta: 'x' } }, 'setLive', /live\.beta: .*number/],
      [
        { v: PROTOCOL_VERSION, type: 'setLive', live: { beta: -1 } },
        'setLive',
        /live\.beta: must be at least 0 \(got -1\)/,
      ],
      [
        { v: PROTOCOL_VERSION, type: 'setLive', live: { lr: Infinity } },
        'setLive',
        /live\.lr: must be a finite number/,
      ],
      [
        {
          v: PROTOCOL_VERSION,
          type: 'configure',
          config: { dataset: LECTURE_PRESET.dataset, model: LECTURE_PRESET.model },
        },
        'configure',
        /config\.train: is missing/,
      ],
      [
        {
          v: PROTOCOL_VERSION,
          type: 'configure',
          config: lecture((c) => {
            delete (c.model as Partial<typeof c.model>).latent;
          }),
        },
        'configure',
        /config\.model\.latent: is missing/,
      ],
      [
        {
          v: PROTOCOL_VERSION,
          type: 'configure',
          config: lecture((c) => {
            c.model.likelihood = 'poisson' as never;
          }),
        },
        'configure',
        /config\.model\.likelihood/,
      ],
      [{ v: 99, type: 'start' }, 'start', /protocol version 99 is not supported/],
      [{ type: 'start' }, 'start', /protocol version undefined/],
      ['start', null, /must be an object/],
      [null, null, /must be an object/],
      [{ v: PROTOCOL_VERSION, type: 'evaluate', iwaeK: 2.5 }, 'evaluate', /iwaeK: must be an integer/],
    ];
    for (const [message, commandType, reason] of cases) {
      const before = client.events.length;
      client.sendRaw(message);
      const error = await client.waitFor('error', () => true, before);
      expect(error.command).toBe(commandType);
      expect(error.message).toMatch(reason);
    }
    // commands valid in form but not in state
    client.send({ type: 'start', id: 7 });
    const noJob = await client.waitFor('error', (e) => e.id === 7);
    expect(noJob.message).toMatch(/configure first/);
    const beforeBad = client.events.length;
    client.send({
      type: 'configure',
      config: lecture((c) => {
        c.dataset.params = { classes: 'many' };
      }),
    });
    const badParams = await client.waitFor('error', (e) => e.command === 'configure', beforeBad);
    expect(badParams.message).toMatch(/classes/);
    const failed = await client.waitFor('status', (s) => s.state === 'error', beforeBad);
    expect(failed.message).toBe(badParams.message);

    client.send({ type: 'configure', config: lecture() });
    client.send({ type: 'step' });
    const stepped = await client.waitFor('status', (s) => s.state === 'paused');
    expect(stepped.epoch).toBe(1);
    await client.sync();
    expect(client.invalid).toEqual([]);
  });

  it('reports divergence with huge-lr SGD, refuses to continue, and recovers after reset', async () => {
    const client = startHost();
    client.send({
      type: 'configure',
      config: lecture((c) => {
        c.train.optimizer = 'sgd';
        c.train.lr = 10;
      }),
    });
    client.send({ type: 'start' });
    const diverged = await client.waitFor('status', (s) => s.state === 'diverged');
    expect(diverged.divergence?.reason).toMatch(/non-finite|loss became/);
    expect(diverged.divergence?.epoch).toBe(diverged.epoch + 1);
    client.send({ type: 'start' });
    expect((await client.waitFor('error', (e) => e.command === 'start')).message).toMatch(/diverged/);

    const before = client.events.length;
    client.send({ type: 'setLive', live: { lr: 1e-3 } });
    client.send({ type: 'reset' });
    const reset = await client.waitFor('status', (s) => s.state === 'idle', before);
    expect(reset.epoch).toBe(0);
    expect(reset.divergence).toBeUndefined();
    expect(reset.live?.lr).toBe(1e-3);
    client.send({ type: 'step' });
    client.send({ type: 'step' });
    await client.waitFor('status', (s) => s.state === 'paused' && s.epoch === 2, before);
    const after = client.metrics(before);
    expect(after.map((m) => m.epoch)).toEqual([1, 2]);
    expect(after.every((m) => Number.isFinite(m.loss))).toBe(true);
  });

  it('finishes at the epoch target with a done status and a final snapshot', async () => {
    const client = startHost();
    client.send({
      type: 'configure',
      config: lecture((c) => {
        c.train.epochs = 12;
      }),
    });
    client.send({ type: 'start' });
    const done = await client.waitFor('status', (s) => s.state === 'done');
    expect(done.epoch).toBe(12);
    await client.sync();
    expectConsecutive(client.metrics().map((m) => m.epoch));
    expect(client.metrics().length).toBe(12);
    expect(client.of('snapshot').at(-1)!.snapshot.epoch).toBe(12);
    client.send({ type: 'setLive', live: { epochs: 14 } });
    expect((await client.waitFor('status', (s) => s.epochs === 14)).state).toBe('paused');
    client.send({ type: 'start' });
    expect((await client.waitFor('status', (s) => s.state === 'done' && s.epoch === 14)).epochs).toBe(14);
  });

  it('evaluates the whole dataset and round-trips a checkpoint into a fresh host exactly', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture() });
    for (let i = 0; i < 5; i++) client.send({ type: 'step' });
    await client.waitFor('status', (s) => s.state === 'paused' && s.epoch === 5);
    client.send({ type: 'evaluate', iwaeK: 8, id: 3 });
    const diag = await client.waitFor('diagnostics', (e) => e.id === 3);
    expect(diag).toMatchObject({ epoch: 5, split: 'train', diagnostics: { examples: 4000, iwae: { k: 8 } } });
    expect(diag.diagnostics.iwae!.negBound).toBeLessThanOrEqual(diag.diagnostics.negElbo + 1e-6);
    client.send({ type: 'evaluate', iwaeK: 0, split: 'validation' });
    expect((await client.waitFor('error', (e) => e.command === 'evaluate')).message).toMatch(
      /validation split is empty/,
    );

    client.send({ type: 'getCheckpoint', id: 4 });
    const checkpoint = await client.waitFor('checkpoint', (e) => e.id === 4);
    expect(checkpoint.state.epoch).toBe(5);
    expect(checkpoint.state.weights[0]).toBeInstanceOf(Float32Array);
    expect(checkpoint.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    // A client that has shown epochs 1–3 asks for the rest only.
    client.send({ type: 'getCheckpoint', id: 5, historyFrom: 3 });
    const tail = await client.waitFor('checkpoint', (e) => e.id === 5);
    expect(tail.historyFrom).toBe(3);
    expect(tail.history.map((m) => m.epoch)).toEqual([4, 5]);
    expect(tail.state.epoch).toBe(5);
    client.send({ type: 'step' });
    await client.waitFor('status', (s) => s.epoch === 6);
    const sixth = client.metrics().at(-1)!;

    const fresh = startHost();
    fresh.send({ type: 'configure', config: checkpoint.config });
    fresh.send({ type: 'loadCheckpoint', state: checkpoint.state, history: checkpoint.history });
    expect((await fresh.waitFor('status', (s) => s.state === 'paused')).epoch).toBe(5);
    fresh.send({ type: 'step' });
    await fresh.waitFor('status', (s) => s.epoch === 6);
    const resumed = fresh.metrics().at(-1)!;
    expect(resumed.epoch).toBe(6);
    expect(resumed.loss).toBe(sixth.loss);
    expect(resumed.kl).toBe(sixth.kl);

    fresh.send({
      type: 'configure',
      config: lecture((c) => {
        c.model.hidden = [32];
      }),
    });
    fresh.send({ type: 'loadCheckpoint', state: checkpoint.state, history: checkpoint.history });
    expect((await fresh.waitFor('error', (e) => e.command === 'loadCheckpoint')).message).toMatch(/does not fit/);
  });
});

describe('Web Worker port adapter', () => {
  it('moves messages through a worker-like scope with transfer lists, so the host answers a ping', async () => {
    const { adaptWorkerScope } = await import('../../src/engine-host/worker-port');
    const posted: { message: unknown; transfer?: ArrayBuffer[] }[] = [];
    const scope = {
      onmessage: null as ((event: { data: unknown }) => void) | null,
      postMessage: (message: unknown, transfer?: ArrayBuffer[]) => void posted.push({ message, transfer }),
    };
    runHost(adaptWorkerScope(scope));
    expect(posted.map((p) => (p.message as { type: string }).type)).toEqual(['ready', 'status']);
    scope.onmessage!({ data: { v: PROTOCOL_VERSION, type: 'configure', config: lecture() } });
    const dataset = posted.find((p) => (p.message as { type: string }).type === 'dataset')!;
    expect(dataset.transfer?.length).toBe(3);
    scope.onmessage!({ data: { v: PROTOCOL_VERSION, type: 'ping', id: 5 } });
    expect(posted.at(-1)!.message).toEqual({ v: PROTOCOL_VERSION, type: 'pong', id: 5 });
  });
});
