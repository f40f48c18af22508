/**
 * Nonsense a session file may hold that every field's type allows: non-finite weights, negative
 * Adam second moments, a shuffle order that is not a permutation, values changed by a flipped
 * bit. Each is refused with the field named, by the decoder and (for sessions built in memory)
 * by the encoder; files of schema 1, written without checksums, still open.
 */
import { describe, expect, it } from 'vitest';
import { crc32Hex } from '../../src/shared/array-checksum';
import { decodeBase64, encodeBase64 } from '../../src/shared/session-base64';
import { decodeSession, encodeSession, SessionEncodeError, SessionFileError } from '../../src/shared/session-codec';
import type { Session } from '../../src/shared/session';
import { lectureSession } from '../support/session-fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON edited freely by the tests
type Raw = Record<string, any>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fileError(text: string): SessionFileError {
  try {
    decodeSession(text, 'run.vaelab');
  } catch (e) {
    expect(e).toBeInstanceOf(SessionFileError);
    return e as SessionFileError;
  }
  throw new Error('the file was accepted');
}

function encodeError(s: Session): SessionEncodeError {
  try {
    encodeSession(s);
  } catch (e) {
    expect(e).toBeInstanceOf(SessionEncodeError);
    return e as SessionEncodeError;
  }
  throw new Error('the session was encoded');
}

const edit = (mutate: (raw: Raw) => void): string => {
  const raw = JSON.parse(encodeSession(lectureSession())) as Raw;
  mutate(raw);
  return JSON.stringify(raw);
};

/** A stored typed array with the right checksum for `bytes`, as a hand-made (but consistent) file would have. */
const stored = (tag: string, a: Float32Array | Uint32Array) => {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return { [tag]: encodeBase64(bytes), $crc32: crc32Hex(bytes) };
};

describe('nonsense in a session is refused with the field named', () => {
  it('NaN or infinite weights', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const s = lectureSession();
      s.state!.weights[1][3] = bad;
      const e = encodeError(s);
      expect(e.field).toBe('state.weights[1][3]');
      expect(e.reason).toBe(
        `is ${bad}: the model's numbers must be finite (a run that diverged keeps its last finite ones)`,
      );
      const w = lectureSession().state!.weights[1].slice();
      w[3] = bad;
      expect(fileError(edit((r) => (r.state.weights[1] = stored('$f32', w)))).field).toBe('state.weights[1][3]');
    }
  });

  it('negative or non-finite Adam moments (the second half of the buffers are second moments)', () => {
    const s = lectureSession();
    const half = s.state!.optimizer.buffers.length / 2;
    const v = s.state!.optimizer.buffers[half].slice();
    v[5] = -0.25;
    const e = fileError(edit((r) => (r.state.optimizer.buffers[half] = stored('$f32', v))));
    expect(e.field).toBe(`state.optimizer.buffers[${half}][5]`);
    expect(e.reason).toBe("is -0.25, but Adam's second moments (averages of squared gradients) cannot be negative");
    // A negative first moment is fine: gradients have signs.
    const m = s.state!.optimizer.buffers[0].slice();
    m[5] = -0.25;
    expect(
      decodeSession(
        edit((r) => (r.state.optimizer.buffers[0] = stored('$f32', m))),
        'x',
      ).session,
    ).toBeTruthy();
    m[5] = NaN;
    expect(fileError(edit((r) => (r.state.optimizer.buffers[0] = stored('$f32', m)))).field).toBe(
      'state.optimizer.buffers[0][5]',
    );
  });

  it('an order that is not a permutation of the training examples', () => {
    const order = lectureSession().state!.order.slice();
    order[7] = order[2];
    const e = fileError(edit((r) => (r.state.order = stored('$u32', order))));
    expect(e.field).toBe('state.order[7]');
    expect(e.reason).toBe(`names example ${order[2]} a second time: the order must list each example once`);
  });

  it('every single bit flipped in the base64 of the weights is found by the checksum (25 flips)', () => {
    const text = encodeSession(lectureSession());
    const b64 = (JSON.parse(text) as Raw).state.weights[0].$f32 as string;
    // Not the last 4 characters: with padding, their low bits carry no data.
    const positions = Array.from({ length: 25 }, (_, i) => Math.floor(((i + 0.5) / 25) * (b64.length - 4)));
    positions.forEach((at, i) => {
      const flipped = b64.slice(0, at) + ALPHABET[ALPHABET.indexOf(b64[at]) ^ (1 << (i % 6))] + b64.slice(at + 1);
      expect(decodeBase64(flipped)).not.toEqual(decodeBase64(b64));
      const e = fileError(text.replace(b64, flipped));
      expect(e.field, `flip at ${at}`).toBe('state.weights[0]');
      expect(e.reason).toMatch(/^the values do not match their checksum \(CRC-32 [0-9a-f]{8}, stored [0-9a-f]{8}\)/);
    });
  });

  it('a checksum that is missing or not 8 hex digits', () => {
    expect(fileError(edit((r) => delete r.state.weights[0].$crc32)).field).toBe('state.weights[0]');
    expect(fileError(edit((r) => (r.state.weights[0].$crc32 = 'zz'))).field).toBe('state.weights[0]');
  });
});

describe('files of schema 1 (no checksums)', () => {
  it('open, upgraded in memory, and a damaged one still names its field', () => {
    const raw = JSON.parse(encodeSession(lectureSession())) as Raw;
    raw.schemaVersion = 1;
    const strip = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(strip);
      if (typeof x !== 'object' || x === null) return x;
      return Object.fromEntries(
        Object.entries(x)
          .filter(([k]) => k !== '$crc32')
          .map(([k, v]) => [k, strip(v)]),
      );
    };
    const v1 = JSON.stringify(strip(raw));
    expect(v1).not.toContain('$crc32');
    const out = decodeSession(v1, 'old.vaelab');
    expect(out.migratedFrom).toBe(1);
    expect(out.message).toBe(
      'old.vaelab was upgraded from schema 1 to 3; the file on disk is unchanged until it is saved.',
    );
    expect(Array.from(out.session.state!.weights[0])).toEqual(Array.from(lectureSession().state!.weights[0]));
    expect(encodeSession(out.session)).toContain('"$crc32"');
    const broken = JSON.parse(v1) as Raw;
    broken.state.weights[2] = { $f32: 'AAAA*AAA' };
    expect(fileError(JSON.stringify(broken)).reason).toMatch(/invalid base64 character at position 4/);
  });
});
