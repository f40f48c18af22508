/** The fingerprint of the training data a model is trained on: session files record it (`data.checksum`). */
import { crc32Hex } from '../../shared/array-checksum';
import { littleEndianBytes } from '../../shared/session-base64';
import type { PreparedData } from './index';

/** CRC-32 of the training examples' values (the grey levels behind binarised images), little-endian. */
export function dataChecksum(prepared: PreparedData): string {
  const values = prepared.train.grey ?? prepared.train.x;
  return crc32Hex(littleEndianBytes(values));
}
