/** The engine's status events carry news: an edit or a command that changes nothing is not echoed. */
import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { startHost } from '../support/engine-host';

describe('engine status events', () => {
  it('come when the state, the epoch or a live setting changes, and not for a repeat', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: cloneConfig(LECTURE_PRESET) });
    await client.waitFor('status', (s) => s.state === 'idle' && s.live !== null);
    await client.sync();
    const before = client.of('status').length;

    client.send({ type: 'setLive', live: { beta: 0.5 } });
    client.send({ type: 'setLive', live: { beta: 0.5 } }); // the same value again: no news
    client.send({ type: 'pause' }); // not running: nothing changes
    client.send({ type: 'setLive', live: { speed: 50 } });
    client.send({ type: 'step' });
    await client.sync();

    const statuses = client.of('status').slice(before);
    expect(statuses.map((s) => [s.state, s.epoch, s.live?.beta, s.live?.speed])).toEqual([
      ['idle', 0, 0.5, 'max'],
      ['idle', 0, 0.5, 50],
      ['paused', 1, 0.5, 50],
    ]);
  });
});
