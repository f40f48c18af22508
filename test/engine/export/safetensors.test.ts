import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../../../src/engine/export/safetensors';

const tensors = [
  { name: 'a.weight', shape: [2, 3], values: Float32Array.of(1, -2.5, 3e-8, Math.PI, -0, 1e30) },
  { name: 'a.bias', shape: [3], values: Float32Array.of(0.1, 0.2, 0.3) },
];

describe('safetensors', () => {
  it('reads back what it writes, bit for bit, with its metadata', () => {
    const { tensors: back, metadata } = decodeSafetensors(encodeSafetensors(tensors, { epochs: '3' }));
    expect(metadata).toEqual({ epochs: '3' });
    expect(back.map((t) => t.name)).toEqual(['a.weight', 'a.bias']);
    for (let i = 0; i < tensors.length; i++) {
      expect(back[i].shape).toEqual(tensors[i].shape);
      expect(new Uint8Array(back[i].values.buffer)).toEqual(new Uint8Array(tensors[i].values.buffer));
    }
  });

  it('lays the bytes out as the format specifies: u64 LE header length, space-padded JSON, LE f32 data', () => {
    const bytes = encodeSafetensors(tensors);
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const json = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(json).toMatch(/^\{.*\} *$/);
    expect(JSON.parse(json)).toEqual({
      'a.weight': { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
      'a.bias': { dtype: 'F32', shape: [3], data_offsets: [24, 36] },
    });
    expect(bytes.length).toBe(8 + n + 36);
    expect(view.getFloat32(8 + n + 4, true)).toBe(-2.5);
    expect(view.getFloat32(8 + n + 24 + 8, true)).toBe(Math.fround(0.3));
  });

  it('refuses damaged files and other dtypes, naming the tensor', () => {
    expect(() => decodeSafetensors(new Uint8Array(4))).toThrow(SafetensorsError);
    const bytes = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/a\.bias: data_offsets \[24, 36\]/);
    const head = JSON.stringify({ x: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } });
    const f16 = new Uint8Array(8 + head.length + 2);
    new DataView(f16.buffer).setBigUint64(0, BigInt(head.length), true);
    f16.set(new TextEncoder().encode(head), 8);
    expect(() => decodeSafetensors(f16)).toThrow('x: dtype F16; only F32 is read');
    expect(() => encodeSafetensors([{ name: 'w', shape: [2, 2], values: new Float32Array(3) }])).toThrow(
      'w: shape [2, 2] holds 4 values, not 3',
    );
  });
});
