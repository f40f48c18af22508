/**
 * CRC-32 (IEEE, the zip and PNG one) of bytes, as 8 lowercase hex digits. Session files store
 * one beside each typed array, so a changed or damaged value (one flipped bit in the base64) is
 * found when the file is read. From the crc-32 package: plain JavaScript, no Node or DOM, so it
 * runs in the engine's Worker and the renderer as in Node.
 */
import { buf } from 'crc-32';

export const CHECKSUM_TAG = '$crc32';

export function crc32Hex(bytes: Uint8Array): string {
  return (buf(bytes) >>> 0).toString(16).padStart(8, '0');
}
