/**
 * The valibot schema of a `.vaelab` file's JSON (after migration to the current schema): types,
 * ranges and literal unions of every field, from the schema builder the protocol uses too, with
 * JSON's leaf codecs: numbers JSON cannot hold are tagged, typed arrays are base64. Sizes that
 * depend on other fields are checked in session-checks.ts.
 */
import * as v from 'valibot';
import { CHECKSUM_TAG, crc32Hex } from './array-checksum';
import { decodeBase64, fromLittleEndian } from './session-base64';
import { NUMBER_TAG, SPECIAL_NUMBERS, untagNumber, type SpecialNumber } from './session-json';
import { SESSION_FORMAT, SESSION_TEXT_LIMITS } from './session';
import { buildSchemas, shown } from './schema-builder';
import { CLASSROOM_LIMITS, HIDEABLE_IDS } from './classroom';

export { issuePath } from './schema-builder';

const onlyKey = (x: unknown, key: string): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1 && key in x;

/** A plain JSON number, or a `{"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}` tag. */
const anyNumber = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const x = dataset.value;
    if (typeof x === 'number') return x;
    if (onlyKey(x, NUMBER_TAG) && (SPECIAL_NUMBERS as readonly unknown[]).includes(x[NUMBER_TAG]))
      return untagNumber(x[NUMBER_TAG] as SpecialNumber);
    addIssue({ message: `must be a number (got ${shown(x)})` });
    return NEVER;
  }),
);

/** `{"$f32": base64, "$crc32": hex}` and friends → the typed array (schema-1 files get checksums by migration). */
function typedArray<T extends Float32Array | Uint32Array | Int32Array>(tag: string, make: (b: ArrayBuffer) => T) {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const x = dataset.value;
      const checksum = storedChecksum(x, tag);
      if (checksum === undefined || typeof (x as Record<string, unknown>)[tag] !== 'string') {
        addIssue({
          message: `must be an array stored as {"${tag}": "<base64>", "${CHECKSUM_TAG}": "<8 hex digits>"} (got ${shown(x)})`,
        });
        return NEVER;
      }
      try {
        const bytes = decodeBase64((x as Record<string, string>)[tag]);
        const array = fromLittleEndian(bytes, make);
        const actual = crc32Hex(bytes);
        if (actual !== checksum) {
          addIssue({
            message: `the values do not match their checksum (CRC-32 ${actual}, stored ${checksum}): the file was changed or damaged`,
          });
          return NEVER;
        }
        return array;
      } catch (e) {
        addIssue({ message: (e as Error).message });
        return NEVER;
      }
    }),
  );
}

/** The stored checksum, or undefined when `x` is not a stored array of `tag` with one. */
function storedChecksum(x: unknown, tag: string): string | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const keys = Object.keys(x);
  const sum = (x as Record<string, unknown>)[CHECKSUM_TAG];
  if (keys.length !== 2 || !(tag in x) || typeof sum !== 'string' || !/^[0-9a-f]{8}$/.test(sum)) return undefined;
  return sum;
}

export const f32 = typedArray('$f32', (b) => new Float32Array(b));
export const u32 = typedArray('$u32', (b) => new Uint32Array(b));
export const i32 = typedArray('$i32', (b) => new Int32Array(b));

const S = buildSchemas({ number: anyNumber, numberOrNaN: anyNumber, f32, u32, i32 });
const { count, ranged, text } = S;

const snapshotSchema = v.object({
  epoch: count,
  arrays: v.record(text(100), v.object({ shape: S.list(count), values: f32 })),
});

const isoTime = v.pipe(
  text(40),
  v.check((s: string) => !Number.isNaN(Date.parse(s)), 'is not a date and time (ISO 8601)'),
);

/** The preset and the hidden panels, controls and views of a lesson (src/shared/classroom.ts). */
export const CLASSROOM_SCHEMA = v.object({
  preset: v.nullable(text(CLASSROOM_LIMITS.preset)),
  hidden: v.pipe(
    S.list(
      v.pipe(
        text(100),
        v.check(
          (id: string) => HIDEABLE_IDS.includes(id),
          (i) => `${shown(i.input)} is not a panel, control or view of VAE Lab`,
        ),
      ),
    ),
    v.maxLength(HIDEABLE_IDS.length, `has more entries than there are things to hide (${HIDEABLE_IDS.length})`),
  ),
});

/** The payload of a setup link (src/shared/setup-link.ts), checked with the session file's own schemas. */
export const SETUP_LINK_SCHEMA = v.object({
  config: S.config,
  classroom: CLASSROOM_SCHEMA,
  /** Drawn or imported points small enough for a link, else null. */
  data: v.nullable(S.dataTable),
});

export const SESSION_SCHEMA = v.object({
  format: v.literal(SESSION_FORMAT),
  schemaVersion: count,
  appVersion: text(SESSION_TEXT_LIMITS.appVersion),
  createdAt: isoTime,
  modifiedAt: isoTime,
  name: text(SESSION_TEXT_LIMITS.name),
  notes: text(SESSION_TEXT_LIMITS.notes),
  config: S.config,
  data: v.object({
    dim: ranged({ min: 1, max: 1_000_000, integer: true }),
    trainExamples: count,
    embedded: v.nullable(S.dataTable),
    /** CRC-32 of the training data the weights were trained on (after split and standardisation). */
    checksum: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/, 'must be 8 hex digits (a CRC-32)'))),
  }),
  state: v.nullable(S.trainerState),
  history: S.list(S.epochMetrics),
  snapshot: v.nullable(snapshotSchema),
  status: v.object({ epoch: count, divergence: v.nullable(S.divergence) }),
  /** Schema 2, optional: the lesson's preset and hidden controls (older files and writers have none). */
  classroom: v.optional(CLASSROOM_SCHEMA),
});
