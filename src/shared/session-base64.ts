/**
 * Base64 of typed arrays' little-endian bytes, for session files. Written out because
 * src/shared may use neither Buffer (Node) nor atob/btoa (DOM typings).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Characters per chunk of the output, so huge arrays are not built one character at a time. */
const CHUNK = 3 * 4096;

/** Standard base64 with `=` padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const out: string[] = [];
    for (let i = start; i < end; i += 3) {
      const rest = end - i;
      const n = (bytes[i] << 16) | ((rest > 1 ? bytes[i + 1] : 0) << 8) | (rest > 2 ? bytes[i + 2] : 0);
      out.push(
        ALPHABET[(n >> 18) & 63],
        ALPHABET[(n >> 12) & 63],
        rest > 1 ? ALPHABET[(n >> 6) & 63] : '=',
        rest > 2 ? ALPHABET[n & 63] : '=',
      );
    }
    parts.push(out.join(''));
  }
  return parts.join('');
}

/** Strict decode: length a multiple of 4, only the alphabet, padding only at the end. Throws with the reason. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new Error(`base64 text of ${text.length} characters is not a multiple of 4 long (truncated?)`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const at = i + j;
      const code = text.charCodeAt(at);
      const isPad = code === 61 && at >= text.length - pad;
      const v = isPad ? 0 : code < 128 ? LOOKUP[code] : -1;
      if (v < 0) throw new Error(`invalid base64 character at position ${at}`);
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

type Typed = Float32Array | Uint32Array | Int32Array;

/** The array's bytes in little-endian order (a copy only on big-endian machines). */
export function littleEndianBytes(a: Typed): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return LITTLE_ENDIAN ? bytes : swap4(bytes);
}

/** Reinterprets little-endian bytes as 4-byte elements; throws if the byte count is not a multiple of 4. */
export function fromLittleEndian<T extends Typed>(bytes: Uint8Array, make: (buffer: ArrayBuffer) => T): T {
  if (bytes.length % 4 !== 0) throw new Error(`${bytes.length} bytes is not a whole number of 4-byte values`);
  const own = LITTLE_ENDIAN ? bytes.slice() : swap4(bytes);
  return make(own.buffer as ArrayBuffer);
}

function swap4(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3];
    out[i + 1] = bytes[i + 2];
    out[i + 2] = bytes[i + 1];
    out[i + 3] = bytes[i];
  }
  return out;
}
