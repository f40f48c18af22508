import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_SCHEMA_VERSION, newSession, type Session } from '../../src/shared/session';
import { decodeBase64, encodeBase64 } from '../../src/shared/session-base64';
import {
  decodeSession,
  encodeSession,
  SessionEncodeError,
  SessionFileError,
  SESSION_MIGRATIONS,
  type SessionMigration,
} from '../../src/shared/session-codec';
import { crc32Hex } from '../../src/shared/array-checksum';
import { configArb, lectureSession, sessionArb } from '../support/session-fixtures';

const bytes = (a: Float32Array | Uint32Array | Int32Array) =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Deep equality where numbers compare with Object.is and typed arrays byte by byte (NaN payloads too). */
function expectSame(a: unknown, b: unknown, path = ''): void {
  if (ArrayBuffer.isView(a)) {
    expect(b?.constructor, path).toBe(a.constructor);
    expect(bytes(b as Float32Array), path).toEqual(bytes(a as Float32Array));
  } else if (typeof a === 'number') {
    expect(Object.is(a, b), `${path}: ${a} vs ${String(b)}`).toBe(true);
  } else if (a !== null && typeof a === 'object') {
    expect(typeof b, path).toBe('object');
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const [k, v] of Object.entries(a)) expectSame(v, (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(b, path).toBe(a);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON edited freely by the tests
type Raw = Record<string, any>;

const roundTrip = (s: Session) => decodeSession(encodeSession(s), 'run.vaelab');

/** Decoding `text` throws a SessionFileError with this field and a reason matching `reason`. */
function expectError(text: string, field: string, reason: RegExp): void {
  try {
    decodeSession(text, '/data/run.vaelab');
  } catch (e) {
    expect(e).toBeInstanceOf(SessionFileError);
    const err = e as SessionFileError;
    expect(err.file).toBe('/data/run.vaelab');
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
    expect(err.message).toBe(field ? `/data/run.vaelab: ${field}: ${err.reason}` : `/data/run.vaelab: ${err.reason}`);
    return;
  }
  throw new Error('decodeSession accepted the text');
}

const edit = (mutate: (raw: Raw) => void, s: Session = lectureSession()): string => {
  const raw = JSON.parse(encodeSession(s));
  mutate(raw);
  return JSON.stringify(raw);
};

/** The lecture session with 12 drawn points embedded. */
function pointsSession(): Session {
  const s = lectureSession();
  s.config.dataset = { kind: 'points', params: {}, seed: 0, validation: 0, standardize: false, scaleToUnit: false };
  s.data.embedded = {
    x: new Float32Array(24).fill(0.5),
    n: 12,
    dim: 2,
    labels: new Int32Array(12).fill(1),
    classes: 2,
    columns: ['x', 'y'],
    classNames: null,
  };
  return s;
}

describe('base64', () => {
  it('round-trips any bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const text = encodeBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(b));
      }),
    );
  });

  it('refuses truncated text and characters outside the alphabet', () => {
    expect(() => decodeBase64('AAA')).toThrow(/multiple of 4/);
    expect(() => decodeBase64('AA*A')).toThrow(/position 2/);
    expect(() => decodeBase64('A=AA')).toThrow(/position 1/);
  });
});

describe('session codec round trip', () => {
  it('keeps every field of random sessions bit for bit (NaN, ±Infinity, -0, subnormals in arrays and metrics)', () => {
    fc.assert(
      fc.property(sessionArb, (s) => {
        const { session, readOnly, message } = roundTrip(s);
        expect(readOnly).toBe(false);
        expect(message).toBeNull();
        expectSame(s, session);
        expect(encodeSession(session)).toBe(encodeSession(s));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps any configuration within LIMITS (full-size widths, no weights yet)', () => {
    fc.assert(
      fc.property(configArb(), (config) => {
        const s = newSession({
          name: 'x',
          appVersion: '0.1.0',
          config,
          data: { dim: 3, trainExamples: 5, embedded: null },
          state: null,
          history: [],
        });
        expectSame(s, roundTrip(s).session);
      }),
      { numRuns: 300 },
    );
  });

  it('writes special floats compactly and special numbers as tags', () => {
    const s = lectureSession();
    s.state!.data = new Float32Array(s.data.trainExamples * s.data.dim);
    s.state!.data.set([NaN, Infinity, -Infinity, -0, 1e-45]);
    s.history[0].loss = NaN;
    s.history[0].kl = -0;
    s.history[1].recon = Infinity;
    const text = encodeSession(s);
    expect(text).toContain('"loss":{"$num":"NaN"}');
    expect(text).toContain('"kl":{"$num":"-0"}');
    expect(text).toContain('"recon":{"$num":"Infinity"}');
    expect(text).toContain('"rng": [1,2,3,4,{"$num":"NaN"}]');
    const w = roundTrip(s).session.state!.data!;
    expect(Array.from(w.subarray(0, 5))).toEqual([NaN, Infinity, -Infinity, -0, 1.401298464324817e-45]);
    expect(Object.is(w[3], -0)).toBe(true);
    // One history entry per line, each array on one line: a diff shows which epoch changed.
    const lines = text.split('\n');
    expect(lines.filter((l) => l.trimStart().startsWith('{"epoch":')).length).toBe(2);
    expect(text.startsWith('{\n  "format": "vae-lab-session",\n  "schemaVersion": 3,\n')).toBe(true);
  });

  it('stores 4 bytes per float as base64: a 100,000-value tensor takes about 533 kB of text', () => {
    const s = lectureSession();
    s.snapshot = {
      epoch: 2,
      arrays: { prior: { shape: [50_000, 2], values: new Float32Array(100_000).map(Math.random) } },
    };
    const size = encodeSession(s).length;
    expect(size).toBeGreaterThan(533_333);
    expect(size).toBeLessThan(550_000);
  });
});

describe('session decoding errors name the file, the field and the reason', () => {
  it('empty, blank, garbage and truncated files', () => {
    expectError('', '', /the file is empty/);
    expectError(' \n\t', '', /the file is empty/);
    expectError('\u0000\u0001PK\u0003garbage', '', /JSON is broken or cut short/);
    const text = encodeSession(lectureSession());
    for (const cut of [1, 10, text.length / 2, text.length - 3])
      expectError(text.slice(0, Math.floor(cut)), '', /JSON is broken or cut short/);
    expectError('[1,2]', '', /expected a JSON object/);
    expectError('"vae-lab-session"', '', /expected a JSON object/);
  });

  it('wrong format and schema version', () => {
    expectError('{"format":"other-app","schemaVersion":1}', 'format', /expected "vae-lab-session", got "other-app"/);
    expectError('{"name":"x"}', 'format', /got nothing/);
    expectError(
      edit((r) => (r.schemaVersion = '1')),
      'schemaVersion',
      /whole number/,
    );
    expectError(
      edit((r) => (r.schemaVersion = 1.5)),
      'schemaVersion',
      /whole number/,
    );
  });

  it('a wrong value anywhere gives its path', () => {
    expectError(
      edit((r) => (r.config.train.beta = -1)),
      'config.train.beta',
      /^must be at least 0 \(got -1\)$/,
    );
    expectError(
      edit((r) => (r.config.train.beta = 'high')),
      'config.train.beta',
      /must be a number \(got the text "high"\)/,
    );
    expectError(
      edit((r) => (r.config.train.beta = { $num: 'NaN' })),
      'config.train.beta',
      /finite/,
    );
    expectError(
      edit((r) => (r.config.model.latent = 2.5)),
      'config.model.latent',
      /must be an integer \(got 2.5\)/,
    );
    expectError(
      edit((r) => (r.config.model.likelihood = 'poisson')),
      'config.model.likelihood',
      /one of bernoulli, gaussian, gaussian-learned/,
    );
    expectError(
      edit((r) => delete r.config.train.seed),
      'config.train.seed',
      /^is missing$/,
    );
    expectError(
      edit((r) => delete r.status),
      'status',
      /^is missing$/,
    );
    expectError(
      edit((r) => (r.name = 42)),
      'name',
      /must be text \(got 42\)/,
    );
    expectError(
      edit((r) => (r.createdAt = 'yesterday')),
      'createdAt',
      /ISO 8601/,
    );
    expectError(
      edit((r) => (r.history[1].loss = null)),
      'history[1].loss',
      /must be a number \(got null\)/,
    );
    expectError(
      edit((r) => (r.history[1].loss = { $num: 'nan' })),
      'history[1].loss',
      /must be a number/,
    );
    expectError(
      edit((r) => (r.state.weights[2] = [1, 2, 3])),
      'state.weights[2]',
      /\{"\$f32": "<base64>", "\$crc32": "<8 hex digits>"\}/,
    );
    expectError(
      edit((r) => (r.state.weights[2] = { $f32: 'AAAA*AAA', $crc32: '00000000' })),
      'state.weights[2]',
      /invalid base64 character at position 4/,
    );
    expectError(
      edit((r) => (r.state.weights[2] = { $f32: 'AAAAAAA=', $crc32: '00000000' })),
      'state.weights[2]',
      /5 bytes is not a whole number of 4-byte values/,
    );
    expectError(
      edit((r) => (r.state.order = { $f32: r.state.order.$u32, $crc32: r.state.order.$crc32 })),
      'state.order',
      /\$u32/,
    );
  });

  it('arrays whose sizes do not fit the model the config describes', () => {
    const text = (mutate: (s: Session) => void) => {
      const s = lectureSession();
      mutate(s);
      return edit(() => {}, s);
    };
    // Build the text by hand: encodeSession itself refuses inconsistent sessions.
    const raw = (mutate: (r: Raw) => void) => edit(mutate);
    expectError(
      raw(
        (r) =>
          (r.state.weights[0] = {
            $f32: encodeBase64(new Uint8Array(4 * 127)),
            $crc32: crc32Hex(new Uint8Array(4 * 127)),
          }),
      ),
      'state.weights[0]',
      /\(encoder\.0\.w\) has 127 values, the model in config\.model needs 128/,
    );
    expectError(
      raw((r) => r.state.weights.pop()),
      'state.weights',
      /has 7 tensors, the model in config.model has 8/,
    );
    expectError(
      raw((r) => (r.config.model.hidden = [32])),
      'state.weights[0]',
      /needs 64/,
    );
    expectError(
      raw((r) => (r.config.model.likelihood = 'gaussian-learned')),
      'state.weights[6]',
      /decoder\.1\.w.*needs 256/,
    );
    expectError(
      raw((r) => (r.config.train.optimizer = 'sgd')),
      'state.optimizer.buffers',
      /sgd needs 0/,
    );
    expectError(
      raw((r) => (r.data.trainExamples = 11)),
      'state.order',
      /covers 10 examples, data.trainExamples is 11/,
    );
    expectError(
      raw((r) => (r.status.epoch = 3)),
      'status.epoch',
      /state.epoch is 2/,
    );
    expectError(
      raw((r) => (r.history[0].klPerDim = [1])),
      'history[0].klPerDim',
      /latent is 2/,
    );
    expectError(
      raw((r) => (r.config.dataset.kind = 'csv')),
      'data.embedded',
      /must carry its points/,
    );
    expect(() => text((s) => s.state!.weights.pop())).toThrow(/cannot save the session: state.weights/);
  });

  it('embedded points are checked against their declared size', () => {
    const s = pointsSession();
    expectSame(s, roundTrip(s).session);
    expectError(
      edit((r) => (r.data.embedded.n = 13), s),
      'data.embedded.x',
      /has 24 values, expected n × dim = 13 × 2 = 26/,
    );
    expectError(
      edit((r) => (r.data.embedded.classes = 1), s),
      'data.embedded.labels[0]',
      /is 1, expected -1 … 0/,
    );
    expectError(
      edit((r) => (r.data.embedded.columns = ['x']), s),
      'data.embedded.columns',
      /expected 2/,
    );
  });
});

describe('encodeSession writes only what decodeSession reads', () => {
  const long = 'n'.repeat(201);
  const cases: [string, (s: Session) => void, string][] = [
    ['a name over 200 characters', (s) => (s.name = long), 'name: is longer than 200 characters'],
    [
      'notes over 100,000 characters',
      (s) => (s.notes = 'x'.repeat(100_001)),
      'notes: is longer than 100000 characters',
    ],
    [
      'an embedded column name over 200 characters',
      (s) => (s.data.embedded!.columns = ['x', long]),
      'data.embedded.columns[1]: is longer than 200 characters',
    ],
    [
      'an embedded class name over 200 characters',
      (s) => (s.data.embedded!.classNames = ['a', long]),
      'data.embedded.classNames[1]: is longer than 200 characters',
    ],
    ['a negative β', (s) => (s.config.train.beta = -1), 'config.train.beta: must be at least 0 (got -1)'],
  ];
  it.each(cases)('refuses %s, naming the field the decoder would name', (_, mutate, message) => {
    const s = pointsSession();
    mutate(s);
    expect(() => encodeSession(s)).toThrow(SessionEncodeError);
    expect(() => encodeSession(s)).toThrow(`cannot save the session: ${message}`);
  });
});

describe('history and status agree', () => {
  const withHistory = (epochs: number[]) =>
    edit((r) => (r.history = epochs.map((epoch) => ({ ...r.history[0], epoch }))));
  it('refuses epochs beyond status.epoch, gaps, and a history shorter than status.epoch', () => {
    // lectureSession: status.epoch and state.epoch 2, history epochs 1 and 2.
    expectError(withHistory([1, 2, 3]), 'history[2].epoch', /^is 3, but status\.epoch is 2$/);
    expectError(withHistory([2, 3]), 'history[0].epoch', /^is 2, expected 1/);
    expectError(withHistory([1, 1]), 'history[1].epoch', /^is 1, expected 2/);
    expectError(withHistory([1]), 'history', /^has 1 epochs, but status\.epoch is 2$/);
    expectError(
      edit((r) => (r.state.epoch = 1)),
      'status.epoch',
      /^is 2, but state\.epoch is 1$/,
    );
  });
});

describe('schema versions', () => {
  it('a newer schema opens read-only with a message, and cannot be saved over', () => {
    const text = edit((r) => {
      r.schemaVersion = SESSION_SCHEMA_VERSION + 1;
      r.someNewField = { anything: true };
    });
    const out = decodeSession(text, 'future.vaelab');
    expect(out.readOnly).toBe(true);
    expect(out.message).toMatch(
      /future\.vaelab was written by a newer version of VAE Lab \(schema 4; this one reads schema 3\)\. It is open read-only/,
    );
    expect(out.session.name).toBe('pinwheel β=0.25');
    expect(() => encodeSession(out.session)).toThrow(/read-only/);
  });

  it('a newer schema that this version cannot understand is an error naming the field', () => {
    expectError(
      edit((r) => {
        r.schemaVersion = 7;
        r.config.train.beta = { perEpoch: [1, 2] };
      }),
      'config.train.beta',
      /written by a newer VAE Lab, schema 7; this one reads schema 3/,
    );
  });

  it('an older schema is migrated in memory through the migration hook (synthetic v0)', () => {
    // A made-up schema 0: the metric history was called "metrics" and there were no notes.
    const v0 = edit((r) => {
      r.schemaVersion = 0;
      r.metrics = r.history;
      delete r.history;
      delete r.notes;
    });
    const toV1: SessionMigration = ({ metrics, ...rest }) => ({ ...rest, history: metrics, notes: '' });
    const out = decodeSession(v0, 'old.vaelab', { migrations: { ...SESSION_MIGRATIONS, 0: toV1 } });
    expect(out.readOnly).toBe(false);
    expect(out.migratedFrom).toBe(0);
    expect(out.session.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
    expect(out.session.history.map((m) => m.loss)).toEqual([49, 48]);
    expect(out.message).toMatch(/old\.vaelab was upgraded from schema 0 to 3/);
    expectError(v0, 'schemaVersion', /0 is older than any schema this version of VAE Lab can read/);
  });
});

describe('schema 2 → 3: scaling to [0, 1]', () => {
  it('a schema-2 file, which had no scaleToUnit, opens with it off; the setting round-trips', () => {
    const v2 = edit((r) => {
      r.schemaVersion = 2;
      delete r.config.dataset.scaleToUnit;
    });
    const out = decodeSession(v2, 'two.vaelab');
    expect(out.migratedFrom).toBe(2);
    expect(out.session.config.dataset.scaleToUnit).toBe(false);
    const on = edit((r) => (r.config.dataset.scaleToUnit = true));
    expect(
      decodeSession(encodeSession(decodeSession(on, 'a.vaelab').session), 'b.vaelab').session.config.dataset
        .scaleToUnit,
    ).toBe(true);
    expectError(
      edit((r) => (r.config.dataset.scaleToUnit = 'yes')),
      'config.dataset.scaleToUnit',
      /must be true or false/,
    );
  });
});
