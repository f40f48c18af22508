/**
 * Crash-safe file replacement for session files (docs/ARCHITECTURE.md, Session files): the new
 * bytes go to a temp file in the same folder, every byte is written and the size checked,
 * fsync, the previous version is kept as `<file>.bak`, rename over the target, fsync the
 * folder. A crash at any moment leaves the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SaveError, toSaveError } from './save-error';
import { BACKUP_SUFFIX, followLink, targetFolderProblem } from './save-target';
import { cleanStrayTempFiles, tempFileName } from './temp-files';

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

export { BACKUP_SUFFIX };
export { SaveError };

/** Writes every byte, looping over short writes; a write that makes no progress is an error. */
function writeAll(io: WriterFs, fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length;) {
    const n = io.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(n > 0)) throw Object.assign(new Error('a write made no progress'), { code: 'ESHORT' });
    offset += n;
  }
}

/** What a save that reached the disk still wants the user to know; `warning` null when all went well. */
export interface SaveResult {
  /** The file actually written: the target, or the file a symlinked target points to. */
  path: string;
  warning: string | null;
}

/**
 * Replaces `target` with `data`, atomically and durably. Throws SaveError; the old file and its
 * previous `.bak` are then unchanged. A symlinked target stays a link: the file it points to is
 * replaced. Order: temp written and fsynced, the old version linked to a second temp, rename over
 * the target, rename that second temp to `.bak`, fsync the folder. A step after the rename over the
 * target that fails leaves the new file in place and is returned as a warning, not thrown.
 */
export function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): SaveResult {
  const io: WriterFs = { ...NODE_FS, ...options.fs };
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const real = followLink(target);
  const dir = dirname(real);
  const backupPath = real + BACKUP_SUFFIX;
  const folderProblem = targetFolderProblem(real, options.backup !== false);
  if (folderProblem) throw new SaveError(target, folderProblem.code, folderProblem.reason);
  ignore(() => cleanStrayTempFiles(dir));
  const temp = join(dir, tempFileName(basename(real)));
  let fd: number | null = null;
  let tempCreated = false;
  let backupTemp: string | null = null;
  try {
    fd = io.openSync(temp, 'wx', existingMode(io, real) ?? 0o644);
    tempCreated = true;
    writeAll(io, fd, bytes);
    const size = io.fstatSync(fd).size;
    if (size !== bytes.length)
      throw new SaveError(target, 'ESHORT', `only ${size} of ${bytes.length} bytes reached the disk`);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = null;
    if (options.backup !== false) backupTemp = linkOldVersion(io, real);
    io.renameSync(temp, real);
    tempCreated = false;
  } catch (e) {
    if (fd !== null) ignore(() => io.closeSync(fd!));
    if (tempCreated) ignore(() => io.unlinkSync(temp));
    if (backupTemp !== null) ignore(() => io.unlinkSync(backupTemp!));
    throw toSaveError(target, e);
  }
  const warnings: string[] = [];
  if (backupTemp !== null) {
    try {
      io.renameSync(backupTemp, backupPath);
    } catch (e) {
      ignore(() => io.unlinkSync(backupTemp!));
      warnings.push(`the previous version could not be kept as ${backupPath}: ${toSaveError(backupPath, e).reason}`);
    }
  }
  try {
    syncFolder(io, dir);
  } catch (e) {
    warnings.push(`the folder could not be flushed: ${toSaveError(target, e).reason}`);
    return { path: real, warning: `saved ${target}, but not yet flushed to the disk (${warnings.join('; ')})` };
  }
  return { path: real, warning: warnings.length ? `saved ${target}, but ${warnings.join('; ')}` : null };
}

function existingMode(io: WriterFs, target: string): number | null {
  try {
    return io.statSync(target).mode & 0o777;
  } catch {
    return null;
  }
}

/**
 * The version about to be replaced, hard-linked (no data copied; else copied) to a temp name that
 * becomes `<target>.bak` once the new file is in place, so a failed save keeps the previous `.bak`.
 * Null when there is nothing to keep, or when `.bak` already is that very file (a save killed
 * between its two renames by an older writer): once the target is replaced, it is a true backup.
 */
function linkOldVersion(io: WriterFs, target: string): string | null {
  if (existingMode(io, target) === null) return null;
  if (sameFile(target, target + BACKUP_SUFFIX)) return null;
  const temp = join(dirname(target), tempFileName(basename(target) + BACKUP_SUFFIX));
  try {
    try {
      io.linkSync(target, temp);
    } catch {
      io.copyFileSync(target, temp);
    }
  } catch (e) {
    ignore(() => io.unlinkSync(temp));
    throw e;
  }
  return temp;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [fs.statSync(a), fs.statSync(b)];
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
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

const queues = new Map<string, Promise<unknown>>();

/**
 * Saves to one path run one after another, in call order (autosave and Save may overlap).
 * `data` may be a function, so the content is taken when the save actually starts.
 */
export function saveQueued(
  target: string,
  data: string | Uint8Array | (() => string | Uint8Array),
  options: AtomicWriteOptions = {},
): Promise<SaveResult> {
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
