import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { startHost } from '../support/engine-host';

function lecture(epochs: number) {
  const c = cloneConfig(LECTURE_PRESET);
  c.train.epochs = epochs;
  return c;
}

describe('an evaluation is worked on between messages', () => {
  it('does not hold up Pause or a live setting, and is of the epoch it was asked at', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: lecture(100_000) });
    client.send({ type: 'start' });
    await client.waitFor('metrics', (e) => e.metrics.some((m) => m.epoch >= 3));
    // The exact figures and −L_50 on 4,000 points: far more than one slice of work.
    const asked = client.events.length;
    client.send({ type: 'evaluate', iwaeK: 50, id: 1 });
    client.send({ type: 'setLive', live: { beta: 0.5 } });
    client.send({ type: 'pause' });
    const paused = await client.waitFor('status', (s) => s.state === 'paused', asked);

    const first = await client.waitFor('diagnostics', (e) => e.id === 1, asked);
    const order = (e: object) => client.events.indexOf(e as never);
    // Pause and β were answered while the evaluation was still being computed…
    expect(paused.live?.beta).toBe(0.5);
    expect(order(paused)).toBeLessThan(order(first));
    // …and training waited for it: no epoch was trained after it was asked.
    expect(first.epoch).toBe(paused.epoch);
    expect(client.metrics(asked).every((m) => m.epoch <= first.epoch)).toBe(true);

    // The same weights evaluated again, once in slices and once finished at once by a Step that
    // must wait for it: the same figures, bit for bit, before the step is taken.
    const again = client.events.length;
    client.send({ type: 'evaluate', iwaeK: 50, id: 2 });
    const second = await client.waitFor('diagnostics', (e) => e.id === 2, again);
    const beforeStep = client.events.length;
    client.send({ type: 'evaluate', iwaeK: 50, id: 3 });
    client.send({ type: 'step' });
    const stepped = await client.waitFor('status', (s) => s.epoch === first.epoch + 1, beforeStep);
    const third = await client.waitFor('diagnostics', (e) => e.id === 3, beforeStep);
    expect(order(third)).toBeLessThan(order(stepped));
    for (const d of [second, third]) {
      expect(d.epoch).toBe(first.epoch);
      expect(d.diagnostics).toEqual(first.diagnostics);
    }
    expect(first.diagnostics.exact).not.toBeNull();
    expect(first.diagnostics.iwae?.k).toBe(50);
  });
});
