/**
 * JSON text for session files: typed arrays as base64 of their little-endian bytes
 * (`{"$f32": …}`, `{"$u32": …}`, `{"$i32": …}`), numbers JSON cannot hold as `{"$num": "NaN"}`
 * (also "Infinity", "-Infinity", "-0"). Each typed array carries the CRC-32 of its bytes
 * (`{"$f32": …, "$crc32": "1a2b3c4d"}`; files of schema 1 have none). Indented so a diff reads well, with each array of
 * plain values, each short flat record and each flat record inside an array (one epoch's
 * metrics) on one line.
 */
import { CHECKSUM_TAG, crc32Hex } from './array-checksum';
import { encodeBase64, littleEndianBytes } from './session-base64';

export const NUMBER_TAG = '$num';
export const TYPED_TAGS = { $f32: Float32Array, $u32: Uint32Array, $i32: Int32Array } as const;
export const SPECIAL_NUMBERS = ['NaN', 'Infinity', '-Infinity', '-0'] as const;
export type SpecialNumber = (typeof SPECIAL_NUMBERS)[number];

/** Flat records up to this many characters stay on one line. */
const SHORT = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON value of a number: itself, or its tag when JSON would lose it. */
export function tagNumber(x: number): Json {
  if (Object.is(x, -0)) return { [NUMBER_TAG]: '-0' };
  if (Number.isFinite(x)) return x;
  return { [NUMBER_TAG]: String(x) };
}

/** The number a `$num` tag stands for. */
export function untagNumber(tag: SpecialNumber): number {
  return tag === '-0' ? -0 : Number(tag);
}

function tagged(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return tagNumber(value);
  if (value instanceof Float32Array) return stored('$f32', value);
  if (value instanceof Uint32Array) return stored('$u32', value);
  if (value instanceof Int32Array) return stored('$i32', value);
  if (Array.isArray(value)) return value.map(tagged);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = tagged(v);
    return out;
  }
  throw new Error(`cannot store a ${typeof value} in a session file`);
}

function stored(tag: keyof typeof TYPED_TAGS, a: Float32Array | Uint32Array | Int32Array): Json {
  const bytes = littleEndianBytes(a);
  return { [tag]: encodeBase64(bytes), [CHECKSUM_TAG]: crc32Hex(bytes) };
}

const isPlain = (v: Json): boolean => v === null || typeof v !== 'object' || isTag(v);
const isTag = (v: Json): boolean => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === NUMBER_TAG) return true;
  return keys[0] in TYPED_TAGS && (keys.length === 1 || (keys.length === 2 && keys[1] === CHECKSUM_TAG));
};
const isFlat = (v: Json): boolean =>
  v !== null &&
  typeof v === 'object' &&
  Object.values(v).every((x) => isPlain(x) || (Array.isArray(x) && x.every(isPlain)));

function format(v: Json, indent: string, inArray: boolean): string {
  const flat = isFlat(v);
  // A list of several stored arrays (the weight tensors) keeps one array per line.
  const plainList = Array.isArray(v) && v.every(isPlain) && !(v.length > 1 && v.some(isTag));
  if (isPlain(v) || plainList || (flat && (inArray || JSON.stringify(v).length <= SHORT))) return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + format(x, inner, true)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as { [key: string]: Json });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner, false)}`).join(',\n')}\n${indent}}`;
}

/** Session-file JSON of any tree of plain values, numbers and typed arrays, ending with a newline. */
export function toSessionJson(value: unknown): string {
  return `${format(tagged(value), '', false)}\n`;
}

/** The same tagged JSON on one line, without spaces (setup links). */
export function toCompactJson(value: unknown): string {
  return JSON.stringify(tagged(value));
}
