import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { parseEvent } from '../../src/shared/protocol-validate';
import { startHost } from '../support/engine-host';

describe('the dissect command', () => {
  it('takes one step, pauses, and answers with the step taken apart; the epoch ends after its last step', async () => {
    const client = startHost();
    const config = cloneConfig(LECTURE_PRESET);
    config.train.epochs = 3;
    client.send({ type: 'configure', config });
    await client.waitFor('status', (s) => s.state === 'idle');
    client.send({ type: 'dissect', id: 4 });
    const { dissection: d } = await client.waitFor('dissection', (e) => e.id === 4, 0);
    expect(d).toMatchObject({ epoch: 0, step: 1, stepInEpoch: 1, stepsPerEpoch: 16, rows: 256, latent: 2 });
    expect(d.mu).toBeInstanceOf(Float32Array);
    expect(d.loss).toBe(d.recon + d.beta * d.klObjective);
    await client.waitFor('status', (s) => s.state === 'paused' && s.epoch === 0, 0);
    for (let i = 0; i < 15; i++) client.send({ type: 'dissect' });
    const last = await client.waitFor('dissection', (e) => e.dissection.stepInEpoch === 16, 0);
    expect(last.dissection).toMatchObject({ epoch: 1, step: 16 });
    await client.waitFor('status', (s) => s.state === 'paused' && s.epoch === 1, 0);
    expect(client.metrics().map((m) => m.epoch)).toEqual([1]);
    expect(client.invalid).toEqual([]);
  });

  it('refuses a step before configure and rejects a malformed dissection', async () => {
    const client = startHost();
    client.sendRaw({ v: PROTOCOL_VERSION, type: 'dissect' });
    const error = await client.waitFor('error');
    expect(error.command).toBe('dissect');
    expect(error.message).toMatch(/no experiment is configured/);
    const bad = parseEvent({ v: PROTOCOL_VERSION, type: 'dissection', dissection: { epoch: 0 } });
    expect(bad.ok).toBe(false);
  });
});
