/**
 * Crash-safe file replacement for session files (docs/ARCHITECTURE.md, Session files): the new
 * bytes go to a temp file in the same folder, every byte is written and the size checked,
 * fsync, the previous version is kept as `<file>.bak`, rename over the target, fsync the
 * folder. A crash at any moment leaves the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { tempFileName } from './temp-files';

/** The file operations the writer uses; tests replace some to simulate faults. */
export interface WriterFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fstatSync(fd: number): { size: number };
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  statSync(path: string): { mode: number };
  linkSync(existing: string, created: string): void;
  copyFileSync(from: string, to: string): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** The real operations, looked up on the node:fs module object at call time, so a spy on it is seen. */
const NODE_FS: WriterFs = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, l),
  fstatSync: (fd) => fs.fstatSync(fd),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  statSync: (p) => fs.statSync(p),
  linkSync: (a, b) => fs.linkSync(a, b),
  copyFileSync: (a, b) => fs.copyFileSync(a, b),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (p) => fs.unlinkSync(p),
};

export interface AtomicWriteOptions {
  /** Keep the replaced version as `<file>.bak` (default true). */
  backup?: boolean;
  fs?: Partial<WriterFs>;
}

export const BACKUP_SUFFIX = '.bak';

/** A save that failed; the previous file is intact. `reason` is for people ("the disk is full"). */
export class SaveError extends Error {
  override name = 'SaveError';
  constructor(
    readonly path: string,
    readonly code: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot save ${path}: ${reason}`, options);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use',
  ESHORT: 'not every byte reached the disk',
};

function toSaveError(path: string, e: unknown): SaveError {
  if (e instanceof SaveError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  return new SaveError(path, code, REASONS[code] ?? (e as Error).message, { cause: e });
}

/** Writes every byte, looping over short writes; a write that makes no progress is an error. */
function writeAll(io: WriterFs, fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length;) {
    const n = io.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(n > 0)) throw Object.assign(new Error('a write made no progress'), { code: 'ESHORT' });
    offset += n;
  }
}

/** Replaces `target` with `data`, atomically and durably. Throws SaveError; the old file is then unchanged. */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const io: WriterFs = { ...NODE_FS, ...options.fs };
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = dirname(target);
  const temp = join(dir, tempFileName(basename(target)));
  let fd: number | null = null;
  let tempCreated = false;
  try {
    fd = io.openSync(temp, 'wx', existingMode(io, target) ?? 0o644);
    tempCreated = true;
    writeAll(io, fd, bytes);
    const size = io.fstatSync(fd).size;
    if (size !== bytes.length)
      throw new SaveError(target, 'ESHORT', `only ${size} of ${bytes.length} bytes reached the disk`);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = null;
    if (options.backup !== false) keepBackup(io, target);
    io.renameSync(temp, target);
    tempCreated = false;
    syncFolder(io, dir);
  } catch (e) {
    if (fd !== null) ignore(() => io.closeSync(fd!));
    if (tempCreated) ignore(() => io.unlinkSync(temp));
    throw toSaveError(target, e);
  }
}

function existingMode(io: WriterFs, target: string): number | null {
  try {
    return io.statSync(target).mode & 0o777;
  } catch {
    return null;
  }
}

/**
 * `<target>.bak` becomes the current version: a hard link (no data copied), else a copy; placed by
 * rename so it is whole too.
 */
function keepBackup(io: WriterFs, target: string): void {
  if (existingMode(io, target) === null) return;
  const dir = dirname(target);
  const temp = join(dir, tempFileName(basename(target) + BACKUP_SUFFIX));
  try {
    try {
      io.linkSync(target, temp);
    } catch {
      io.copyFileSync(target, temp);
    }
    io.renameSync(temp, target + BACKUP_SUFFIX);
  } catch (e) {
    ignore(() => io.unlinkSync(temp));
    throw e;
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; there the rename is already journaled. */
function syncFolder(io: WriterFs, dir: string): void {
  if (process.platform === 'win32') return;
  const fd = io.openSync(dir, 'r');
  try {
    io.fsyncSync(fd);
  } finally {
    io.closeSync(fd);
  }
}

function ignore(f: () => void): void {
  try {
    f();
  } catch {
    // Clean-up after a failure: the first error is the one to report.
  }
}

const queues = new Map<string, Promise<void>>();

/**
 * Saves to one path run one after another, in call order (autosave and Save may overlap).
 * `data` may be a function, so the content is taken when the save actually starts.
 */
export function saveQueued(
  target: string,
  data: string | Uint8Array | (() => string | Uint8Array),
  options: AtomicWriteOptions = {},
): Promise<void> {
  const key = resolve(target);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => writeFileAtomic(target, typeof data === 'function' ? data() : data, options));
  queues.set(key, run);
  const forget = () => {
    if (queues.get(key) === run) queues.delete(key);
  };
  run.then(forget, forget);
  return run;
}
