/**
 * The binary MNIST resource (resources/mnist-digits.bin), little-endian:
 *   bytes 0–3   magic "MNB1"
 *   bytes 4–7   count (uint32)
 *   bytes 8–9   width (uint16), bytes 10–11 height (uint16)
 *   then count labels (one byte each, 0–9), then count·width·height pixels (one byte each,
 *   grey = byte / 255), digit after digit, row-major.
 */
export const MNIST_MAGIC = 'MNB1';
export const MNIST_HEADER_BYTES = 12;

export interface MnistHeader {
  count: number;
  width: number;
  height: number;
}

/** The header of an MNIST resource of `count` digits of width × height. */
export function encodeMnistHeader(h: MnistHeader): Uint8Array {
  const out = new Uint8Array(MNIST_HEADER_BYTES);
  for (let i = 0; i < 4; i++) out[i] = MNIST_MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(4, h.count, true);
  view.setUint16(8, h.width, true);
  view.setUint16(10, h.height, true);
  return out;
}

/** Reads and checks the header and the file length; throws saying what is wrong. */
export function readMnistHeader(bytes: Uint8Array): MnistHeader {
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new Error(`MNIST data: ${bytes.length} bytes is shorter than the ${MNIST_HEADER_BYTES}-byte header`);
  }
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC)
    throw new Error(
      `MNIST data: bad magic ${JSON.stringify(magic)}, expected "${MNIST_MAGIC}" (not an MNIST resource?)`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = { count: view.getUint32(4, true), width: view.getUint16(8, true), height: view.getUint16(10, true) };
  if (h.count < 1 || h.width < 1 || h.height < 1)
    throw new Error(`MNIST data: empty header (count ${h.count}, ${h.width}×${h.height})`);
  const expected = MNIST_HEADER_BYTES + h.count * (1 + h.width * h.height);
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'too long';
    throw new Error(
      `MNIST data: ${what}: ${bytes.length} bytes, expected ${expected} for ${h.count} digits of ${h.width}×${h.height}`,
    );
  }
  return h;
}
