/**
 * Encoding and decoding of `.vaelab` session files. Decoding checks everything: the JSON,
 * the format marker, the schema version (older → migrated in memory, newer → read-only),
 * every field (valibot schema) and the sizes that tie fields together. Every error names
 * the file, the field and the reason.
 */
import * as v from 'valibot';
import { SESSION_FORMAT, SESSION_SCHEMA_VERSION, type Session } from './session';
import { sessionProblem } from './session-checks';
import { CHECKSUM_TAG, crc32Hex } from './array-checksum';
import { decodeBase64 } from './session-base64';
import { toSessionJson, TYPED_TAGS } from './session-json';
import { issuePath, SESSION_SCHEMA } from './session-schema';

/** A session file that cannot be read: `file: field: reason`. */
export class SessionFileError extends Error {
  override name = 'SessionFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${file}: ${field}: ${reason}` : `${file}: ${reason}`);
  }
}

/** A session encodeSession refuses, as the decoder would refuse its file: `cannot save the session: field: reason`. */
export class SessionEncodeError extends Error {
  override name = 'SessionEncodeError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`cannot save the session: ${field}: ${reason}`);
  }
}

/** Turns the raw JSON of schema version N into that of version N + 1. */
export type SessionMigration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. 1 → 2: schema 2 stores a CRC-32 beside each typed
 * array (and may hold `data.checksum`); a schema-1 file had none, so they are computed from what
 * it holds: nothing to verify, but from then on every array is checked. 2 → 3: schema 3 adds
 * `config.dataset.scaleToUnit` (scale columns to [0, 1]); a schema-2 file was never scaled.
 */
export const SESSION_MIGRATIONS: Readonly<Record<number, SessionMigration>> = {
  1: (raw) => withChecksums(raw) as Record<string, unknown>,
  2: withDatasetDefault('scaleToUnit', false),
};

/**
 * A migration for a dataset setting added in the next schema: files before it ran without it,
 * which is its default. A config that is not an object is left for the schema to report.
 */
function withDatasetDefault(key: string, value: unknown): SessionMigration {
  return (raw) => {
    const config = raw.config as Record<string, unknown> | undefined;
    const dataset = config?.dataset;
    if (typeof dataset !== 'object' || dataset === null || Array.isArray(dataset) || key in dataset) return raw;
    return { ...raw, config: { ...config, dataset: { ...dataset, [key]: value } } };
  };
}

/** A copy of parsed JSON with a `$crc32` beside every stored typed array that has none. */
function withChecksums(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withChecksums);
  if (typeof x !== 'object' || x === null) return x;
  const keys = Object.keys(x);
  const value = (x as Record<string, unknown>)[keys[0]];
  if (keys.length === 1 && keys[0] in TYPED_TAGS && typeof value === 'string') {
    let sum = '00000000'; // broken base64: the schema reports it when it decodes the text
    try {
      sum = crc32Hex(decodeBase64(value));
    } catch {
      // left to the schema
    }
    return { [keys[0]]: value, [CHECKSUM_TAG]: sum };
  }
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, withChecksums(v)]));
}

export interface DecodedSession {
  session: Session;
  /** True for files of a newer schema: show them, never save over them. */
  readOnly: boolean;
  /** What to tell the user (read-only or migrated), else null. */
  message: string | null;
  /** The schema version the file had when it was migrated, else null. */
  migratedFrom: number | null;
}

export interface DecodeOptions {
  migrations?: Readonly<Record<number, SessionMigration>>;
}

/**
 * The file's text: JSON with typed arrays as base64 and non-finite numbers tagged. The text is read
 * back through the decoder's own checks before it is returned, so a file this writes always opens:
 * throws a SessionEncodeError naming the first field the decoder would refuse.
 */
export function encodeSession(s: Session): string {
  if (s.schemaVersion > SESSION_SCHEMA_VERSION) {
    throw new Error(
      `this session has schema version ${s.schemaVersion}, newer than ${SESSION_SCHEMA_VERSION}: it was opened read-only and cannot be saved by this version`,
    );
  }
  const { appVersion, createdAt, modifiedAt, name, notes, config, data, state, history, snapshot, status, classroom } =
    s;
  const text = toSessionJson({
    format: SESSION_FORMAT,
    schemaVersion: SESSION_SCHEMA_VERSION,
    appVersion,
    createdAt,
    modifiedAt,
    name,
    notes,
    status,
    config,
    data,
    history,
    state,
    snapshot,
    classroom,
  });
  validate(JSON.parse(text) as Record<string, unknown>, (field, reason) => {
    throw new SessionEncodeError(field, reason);
  });
  return text;
}

/** Reads a session from its text; `file` is only used in messages. Throws SessionFileError. */
export function decodeSession(text: string, file: string, options: DecodeOptions = {}): DecodedSession {
  const fail = (field: string, reason: string): never => {
    throw new SessionFileError(file, field, reason);
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') fail('', 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    fail('', `not a VAE Lab session: the JSON is broken or cut short (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('', 'not a VAE Lab session: expected a JSON object');
  const top = raw as Record<string, unknown>;
  if (top.format !== SESSION_FORMAT)
    fail(
      'format',
      `expected "${SESSION_FORMAT}", got ${top.format === undefined ? 'nothing' : JSON.stringify(top.format)}: not a VAE Lab session`,
    );
  const version = top.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail('schemaVersion', `expected a whole number, got ${JSON.stringify(version)}`);
  const newer = version > SESSION_SCHEMA_VERSION;
  const migrated =
    version < SESSION_SCHEMA_VERSION ? migrate(top, version, options.migrations ?? SESSION_MIGRATIONS, fail) : top;
  const session = validate(
    migrated,
    newer
      ? (field, reason) =>
          fail(
            field,
            `${reason} (the file was written by a newer VAE Lab, schema ${version}; this one reads schema ${SESSION_SCHEMA_VERSION})`,
          )
      : fail,
  );
  if (newer) {
    return {
      session,
      readOnly: true,
      migratedFrom: null,
      message: `${file} was written by a newer version of VAE Lab (schema ${version}; this one reads schema ${SESSION_SCHEMA_VERSION}). It is open read-only: save a copy under another name to keep changes.`,
    };
  }
  if (version < SESSION_SCHEMA_VERSION) {
    return {
      session,
      readOnly: false,
      migratedFrom: version,
      message: `${file} was upgraded from schema ${version} to ${SESSION_SCHEMA_VERSION}; the file on disk is unchanged until it is saved.`,
    };
  }
  return { session, readOnly: false, migratedFrom: null, message: null };
}

function migrate(
  raw: Record<string, unknown>,
  from: number,
  migrations: Readonly<Record<number, SessionMigration>>,
  fail: (f: string, r: string) => never,
): Record<string, unknown> {
  let out = raw;
  for (let at = from; at < SESSION_SCHEMA_VERSION; at++) {
    const step = Object.hasOwn(migrations, at) ? migrations[at] : undefined;
    if (!step) fail('schemaVersion', `${from} is older than any schema this version of VAE Lab can read`);
    out = { ...step!(out), schemaVersion: at + 1 };
  }
  return out;
}

function validate(raw: Record<string, unknown>, fail: (f: string, r: string) => never): Session {
  const result = v.safeParse(SESSION_SCHEMA, raw, { abortEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    return fail(issuePath(issue) || '(top level)', issueReason(issue));
  }
  const session: Session = result.output;
  const p = sessionProblem(session);
  if (p) fail(p.field, p.reason);
  return session;
}

/** valibot's message, except for a missing key, which it words as an invalid key. */
function issueReason(issue: v.BaseIssue<unknown>): string {
  return issue.kind === 'schema' &&
    issue.type === 'object' &&
    issue.input === undefined &&
    issue.message.startsWith('Invalid key')
    ? 'is missing'
    : issue.message;
}
