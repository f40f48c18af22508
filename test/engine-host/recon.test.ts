import { describe, expect, it } from 'vitest';
import { LECTURE_PRESET, cloneConfig } from '../../src/shared/config';
import { startHost } from '../support/engine-host';
import { RECON_LIMIT } from '../../src/shared/protocol';

describe('reconstructions of picked rows', () => {
  it('a snapshot command with recon makes every snapshot reconstruct those training rows', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: cloneConfig(LECTURE_PRESET) });
    const { dataset } = await client.waitFor('dataset');
    client.send({ type: 'snapshot', id: 1, recon: [3, 1234] });
    const { snapshot } = await client.waitFor('snapshot', (e) => e.id === 1);
    expect(Array.from(snapshot.recon.indices)).toEqual([3, 1234]);
    // The originals are those rows of the data; the reconstructions are the decoder's means at μ.
    expect(Array.from(snapshot.recon.x.subarray(2, 4))).toEqual(Array.from(dataset.x.subarray(2 * 1234, 2 * 1234 + 2)));
    expect(snapshot.recon.mean).toHaveLength(4);
    client.send({ type: 'step' });
    const after = await client.waitFor('snapshot', (e) => e.snapshot.epoch === 1);
    expect(Array.from(after.snapshot.recon.indices)).toEqual([3, 1234]);
  });

  it('a row outside the training set, or too many rows, is refused with the field named', async () => {
    const client = startHost();
    client.send({ type: 'configure', config: cloneConfig(LECTURE_PRESET) });
    await client.waitFor('dataset');
    client.send({ type: 'snapshot', recon: [4000] });
    expect((await client.waitFor('error')).message).toMatch(/recon: row 4000 is not a training row \(there are 4000\)/);
    const from = client.events.length;
    client.send({ type: 'snapshot', recon: Array.from({ length: RECON_LIMIT + 1 }, (_, i) => i) });
    expect((await client.waitFor('error', () => true, from)).message).toMatch(/^recon/);
  });
});
