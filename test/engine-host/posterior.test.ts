import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET, type ExperimentConfig } from '../../src/shared/config';
import { POSTERIOR_SIZE_LIMIT, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { startHost } from '../support/engine-host';

function lecture(change: (c: ExperimentConfig) => void = () => {}): ExperimentConfig {
  const c = cloneConfig(LECTURE_PRESET);
  c.train.epochs = 20;
  change(c);
  return c;
}

describe('the posterior command and the exact figures of evaluate', () => {
  it('answers with the true posterior of a training row, consistent with the Diagnostics', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture() });
    for (let i = 0; i < 3; i++) client.send({ type: 'step' });
    await client.waitFor('status', (s) => s.state === 'paused' && s.epoch === 3);
    client.send({ type: 'posterior', index: 7, size: 32, id: 9 });
    const { posterior } = await client.waitFor('posterior', (e) => e.id === 9);
    expect(posterior).toMatchObject({ index: 7, epoch: 3, latent: 2, size: 32 });
    expect(posterior.density).toBeInstanceOf(Float32Array);
    expect(posterior.density.length).toBe(32 * 32);
    expect(posterior.kl).toBeGreaterThanOrEqual(0);
    expect(posterior.elbo).toBeLessThanOrEqual(posterior.logPx);

    client.send({ type: 'evaluate', iwaeK: 0, id: 10 });
    const { diagnostics: d } = await client.waitFor('diagnostics', (e) => e.id === 10);
    expect(d.exact).not.toBeNull();
    expect(d.exact!.examples).toBe(d.examples);
    expect(d.exact!.gap).toBeGreaterThanOrEqual(0);
    expect(d.exact!.negLogPx).toBeLessThanOrEqual(d.exact!.negElbo);
    expect(Math.abs(d.negElbo - d.exact!.negElbo)).toBeLessThan(4 * d.se.negElbo + 1e-3);
    expect(d.se.negElbo).toBeLessThan(0.01);
  });

  it('refuses bad posterior requests with a clear error', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture() });
    await client.waitFor('status', (s) => s.state === 'idle' && s.epochs === 20);
    const cases: [unknown, RegExp][] = [
      [
        { v: PROTOCOL_VERSION, type: 'posterior', index: 99999 },
        /index: row 99999 is not a training row \(there are 4000\)/,
      ],
      [{ v: PROTOCOL_VERSION, type: 'posterior', index: -1 }, /index: must be at least 0/],
      [
        { v: PROTOCOL_VERSION, type: 'posterior', index: 0, size: POSTERIOR_SIZE_LIMIT.max + 1 },
        /size: must be at most 256/,
      ],
      [{ v: PROTOCOL_VERSION, type: 'posterior', index: 0, size: 20.5 }, /size: must be an integer/],
    ];
    for (const [message, reason] of cases) {
      const before = client.events.length;
      client.sendRaw(message);
      const error = await client.waitFor('error', () => true, before);
      expect(error.command).toBe('posterior');
      expect(error.message).toMatch(reason);
    }
    const wide = startHost();
    wide.send({ type: 'configure', config: lecture((c) => (c.model.latent = 3)) });
    await wide.waitFor('status', (s) => s.state === 'idle');
    wide.send({ type: 'posterior', index: 0 });
    expect((await wide.waitFor('error', (e) => e.command === 'posterior')).message).toMatch(
      /latent size 1 or 2 only \(this model has 3\)/,
    );
    wide.send({ type: 'evaluate', iwaeK: 0, id: 2 });
    expect((await wide.waitFor('diagnostics', (e) => e.id === 2)).diagnostics.exact).toBeNull();
  });
});
