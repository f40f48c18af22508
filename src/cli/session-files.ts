/** Reading and writing `.vaelab` files from the command line; every problem is a UsageError naming the file. */
import { readFileSync } from 'node:fs';
import { SaveError, writeFileAtomic } from '../node-io/atomic-write';
import type { Session } from '../shared/session';
import {
  decodeSession,
  encodeSession,
  SessionEncodeError,
  SessionFileError,
  type DecodedSession,
} from '../shared/session-codec';
import { UsageError } from './usage-error';

const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
};

/** Reads and decodes a session file. */
export function readSessionFile(path: string): DecodedSession {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot read session file ${path}: ${READ_REASONS[code] ?? (e as Error).message}`);
  }
  try {
    return decodeSession(text, path);
  } catch (e) {
    if (e instanceof SessionFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** Encodes and saves atomically (previous version kept as .bak); throws SaveError naming the path and reason. */
export function writeSessionFile(path: string, session: Session): void {
  let text: string;
  try {
    text = encodeSession(session);
  } catch (e) {
    // A session the decoder would refuse is a failed save (exit 1), not an internal error.
    if (e instanceof SessionEncodeError) throw new SaveError(path, 'EINVAL', `${e.field}: ${e.reason}`, { cause: e });
    throw e;
  }
  writeFileAtomic(path, text);
}
