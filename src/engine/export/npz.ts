/**
 * NumPy's .npz (a zip of .npy files, as np.savez writes) for float32 matrices. Pure: arrays in, bytes out.
 * .npy v1.0: magic "\x93NUMPY", version 1 0, a little-endian uint16 header length, a Python dict
 * literal padded with spaces and a newline to a multiple of 64 bytes, then the raw little-endian data.
 */
import { zipSync } from 'fflate';

export interface NpyMatrix {
  rows: number;
  cols: number;
  values: Float32Array;
}

export function encodeNpy(m: NpyMatrix): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m.rows}, ${m.cols}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 4 * m.values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const base = 10 + header.length;
  for (let i = 0; i < m.values.length; i++) view.setFloat32(base + 4 * i, m.values[i], true);
  return out;
}

/** An .npz holding `name.npy` for each array (stored, like np.savez). */
export function encodeNpz(arrays: Record<string, NpyMatrix>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, m] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(m);
  return zipSync(files, { level: 0 });
}
