/**
 * JSON text for session files: typed arrays as base64 of their little-endian bytes
 * (`{"$f32": …}`, `{"$u32": …}`, `{"$i32": …}`), numbers JSON cannot hold as `{"$num": "NaN"}`
 * (also "Infinity", "-Infinity", "-0"). Indented so a diff reads well, with each array of
 * plain values, each short flat record and each flat record inside an array (one epoch's
 * metrics) on one line.
 */
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
  if (value instanceof Float32Array) return { $f32: encodeBase64(littleEndianBytes(value)) };
  if (value instanceof Uint32Array) return { $u32: encodeBase64(littleEndianBytes(value)) };
  if (value instanceof Int32Array) return { $i32: encodeBase64(littleEndianBytes(value)) };
  if (Array.isArray(value)) return value.map(tagged);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = tagged(v);
    return out;
  }
  throw new Error(`cannot store a ${typeof value} in a session file`);
}

const isPlain = (v: Json): boolean => v === null || typeof v !== 'object' || isTag(v);
const isTag = (v: Json): boolean => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === NUMBER_TAG || keys[0] in TYPED_TAGS);
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
