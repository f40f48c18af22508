import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_TRAIN, type ExperimentConfig } from '../../src/shared/config';
import { startHost } from '../support/engine-host';

const CSV =
  'a,b,kind\n' +
  Array.from({ length: 60 }, (_, i) => `${Math.cos(i)},${Math.sin(i) * 2},${i % 3 ? 'odd' : 'even'}`).join('\n');
const CONFIG: ExperimentConfig = {
  dataset: { kind: 'csv', params: { label: 'kind' }, seed: 0, validation: 0.25, standardize: true, scaleToUnit: false },
  model: { ...DEFAULT_MODEL, hidden: [8] },
  train: { ...DEFAULT_TRAIN, epochs: 3, batchSize: 16 },
};

describe('CSV data travels as a parsed table, so a session can embed it', () => {
  it('the dataset event of a CSV job carries the whole table before the split; configuring from that table gives the same job', async () => {
    const first = startHost();
    first.send({ type: 'configure', config: CONFIG, sources: { csvText: CSV } });
    const { dataset } = await first.waitFor('dataset');
    expect(dataset.n).toBe(45);
    expect(dataset.validationRows).toBe(15);
    const table = dataset.table!;
    expect(table).toMatchObject({ n: 60, dim: 2, classes: 2, columns: ['a', 'b'], classNames: ['even', 'odd'] });
    expect(table.x[2]).toBeCloseTo(Math.cos(1), 6);
    first.send({ type: 'step' });
    const [a] = (await first.waitFor('metrics')).metrics;

    const second = startHost();
    second.send({ type: 'configure', config: CONFIG, sources: { table } });
    const again = await second.waitFor('dataset');
    expect(Array.from(again.dataset.x)).toEqual(Array.from(dataset.x));
    second.send({ type: 'step' });
    const [b] = (await second.waitFor('metrics')).metrics;
    expect(b.loss).toBe(a.loss);
    expect(first.invalid).toEqual([]);
    expect(second.invalid).toEqual([]);
  });

  it('a table whose arrays do not match its size is refused with the field named', async () => {
    const client = startHost();
    const table = {
      x: new Float32Array(5),
      n: 3,
      dim: 2,
      labels: new Int32Array(3),
      classes: 0,
      columns: ['a', 'b'],
      classNames: null,
    };
    client.send({ type: 'configure', config: CONFIG, sources: { table } });
    const error = await client.waitFor('error');
    expect(error.message).toMatch(/sources\.table.*n × dim/);
  });
});

describe('the app saves and reopens CSV sessions with the table embedded', () => {
  it('buildSession embeds the table of the dataset event; sessionToJob configures from it; the codec round-trips it', async () => {
    const { buildSession, sessionToJob } = await import('../../src/renderer/src/state/session-build');
    const { decodeSession, encodeSession } = await import('../../src/shared/session-codec');
    const client = startHost();
    client.send({ type: 'configure', config: CONFIG, sources: { csvText: CSV } });
    const { dataset } = await client.waitFor('dataset');
    const session = buildSession({
      name: 'csv',
      notes: '',
      config: CONFIG,
      sources: { csvText: CSV },
      checkpoint: null,
      history: [],
      dataset,
      snapshot: null,
      divergence: null,
    });
    expect(session.data.embedded).toMatchObject({ n: 60, dim: 2, classNames: ['even', 'odd'] });
    const decoded = decodeSession(encodeSession(session), 'csv.vaelab');
    const job = sessionToJob(decoded.session);
    expect(job.sources.table?.n).toBe(60);
    expect(Array.from(job.sources.table!.x)).toEqual(Array.from(dataset.table!.x));
    // The app records the data fingerprint, and the CLI's check of it (eval, --resume) accepts the file.
    expect(decoded.session.data.checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(job.checksum).toBe(dataset.checksum);
    const { sessionRunData } = await import('../../src/cli/session-data');
    expect(sessionRunData(decoded.session, 'csv.vaelab').checksum).toBe(dataset.checksum);
    const tampered = { ...decoded.session, data: { ...decoded.session.data, checksum: '00000000' } };
    expect(() => sessionRunData(tampered, 'csv.vaelab')).toThrow(/data\.checksum: .*CRC-32 00000000/);
  });
});
