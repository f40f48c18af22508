/** Reading and writing `.vaelab` files from the command line; every problem is a UsageError naming the file. */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { SaveError, writeFileAtomic, type SaveResult } from '../node-io/atomic-write';
import { followLink, saveTargetProblem } from '../node-io/save-target';
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

/** Refuses, before a run, an output file that could not be saved: the folder, permissions, its backup name. */
export function checkOutFile(path: string, flag: string): void {
  const problem = saveTargetProblem(path);
  if (problem) throw new UsageError(`${flag} ${path}: ${problem.reason}`);
}

/**
 * Encodes and saves atomically (previous version kept as .bak). A save that fails keeps the
 * session in a recovery file (beside the target, else in the temp folder) and throws a SaveError
 * that says where; a save that reached the disk with a caveat returns it in `warning`.
 */
export function writeSessionFile(path: string, session: Session): SaveResult {
  let text: string;
  try {
    text = encodeSession(session);
  } catch (e) {
    // A session the decoder would refuse is a failed save (exit 1), not an internal error.
    if (e instanceof SessionEncodeError) throw new SaveError(path, 'EINVAL', `${e.field}: ${e.reason}`, { cause: e });
    throw e;
  }
  try {
    return writeFileAtomic(path, text);
  } catch (e) {
    if (!(e instanceof SaveError)) throw e;
    const kept = keepRecovery(path, text);
    const where = kept
      ? `; the trained session is kept in ${kept}`
      : '; the trained session could not be kept in a recovery file either';
    throw new SaveError(path, e.code, e.reason + where, { cause: e });
  }
}

/** Writes `text` to the first recovery file that takes it; returns its path, or null. */
function keepRecovery(path: string, text: string): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const real = followLink(path);
  const stem = Array.from(basename(real, extname(real)))
    .slice(0, 80)
    .join('');
  const places = [
    join(dirname(real), `${stem}.recovered-${stamp}.vaelab`),
    join(tmpdir(), `vae-lab-recovered-${stamp}-${process.pid}.vaelab`),
  ];
  for (const place of places) {
    try {
      writeFileAtomic(place, text, { backup: false });
      return place;
    } catch {
      // Try the next place.
    }
  }
  return null;
}
