/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {string: string}}`
 * padded with spaces to a multiple of 8, then the raw little-endian tensor bytes. Pure: bytes in, bytes out.
 */

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export class SafetensorsError extends Error {}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Float32 tensors (dtype F32) in the given order, with optional string metadata. */
export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.values.length)
      throw new SafetensorsError(
        `${t.name}: shape [${t.shape.join(', ')}] holds ${count} values, not ${t.values.length}`,
      );
    if (t.name in header) throw new SafetensorsError(`${t.name}: named twice`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (new TextEncoder().encode(json).length % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors) {
    if (LITTLE_ENDIAN) out.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), at);
    else for (let i = 0; i < t.values.length; i++) view.setFloat32(at + 4 * i, t.values[i], true);
    at += t.values.byteLength;
  }
  return out;
}

export interface DecodedSafetensors {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

/** Reads F32 tensors (in file order of their offsets); refuses a damaged file or another dtype, naming the tensor. */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  if (bytes.length < 8) throw new SafetensorsError(`${bytes.length} bytes: too short for a safetensors header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) throw new SafetensorsError(`header of ${n} bytes runs past the end of the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n))) as typeof header;
  } catch (e) {
    throw new SafetensorsError(`header is not JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new SafetensorsError('header is not a JSON object');
  const base = 8 + n;
  const dataLength = bytes.length - base;
  const metadata: Record<string, string> = {};
  const tensors: (NamedTensor & { begin: number })[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [k, v] of Object.entries((entry ?? {}) as Record<string, unknown>)) metadata[k] = String(v);
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== 'F32') throw new SafetensorsError(`${name}: dtype ${String(e.dtype)}; only F32 is read`);
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new SafetensorsError(`${name}: shape is not a list of sizes`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0))
      throw new SafetensorsError(`${name}: data_offsets is not [begin, end]`);
    const [begin, end] = offsets as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== 4 * count || end > dataLength)
      throw new SafetensorsError(`${name}: data_offsets [${begin}, ${end}] do not hold ${count} float32 values`);
    const values = new Float32Array(count);
    const src = new DataView(bytes.buffer, bytes.byteOffset + base + begin, 4 * count);
    for (let i = 0; i < count; i++) values[i] = src.getFloat32(4 * i, true);
    tensors.push({ name, shape: shape as number[], values, begin });
  }
  tensors.sort((a, b) => a.begin - b.begin);
  return { tensors: tensors.map(({ name, shape, values }) => ({ name, shape, values })), metadata };
}
