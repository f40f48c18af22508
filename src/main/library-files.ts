/**
 * What the session and sweep libraries share: a folder of `<id><extension>` files written through
 * node-io's atomic writer with a `.bak` beside each, read with their decoder, listed with the ones
 * that could not be read, moved to the trash with their backup, and restored from it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { BACKUP_SUFFIX, cleanStrayTempFiles, saveQueued } from '../node-io';
import type { SessionResult } from '../shared/preload-api';
import { isSessionId, type BrokenSession } from '../shared/session-summary';

/** A request the services refuse or cannot carry out; `message` is for people. */
export class SessionServiceError extends Error {
  override name = 'SessionServiceError';
  /** True when the file is damaged and `<file>.bak` can be opened instead. */
  readonly hasBackup: boolean;
  constructor(message: string, hasBackup = false) {
    super(message);
    this.hasBackup = hasBackup;
  }
}

export interface LibraryOptions {
  /** The library folder; created when missing. */
  folder: string;
  /** Moves a file to the system trash (shell.trashItem in the app). */
  trash(path: string): Promise<void>;
  now?: () => Date;
}

/** A library folder: where it is, its start, the clock its services stamp files with. */
export class LibraryFolder {
  protected readonly now: () => Date;

  constructor(protected readonly options: LibraryOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get folder(): string {
    return this.options.folder;
  }

  /** Create the folder and remove temp files of saves cut short; returns the names removed. */
  start(): string[] {
    mkdirSync(this.folder, { recursive: true });
    return cleanStrayTempFiles(this.folder);
  }
}

/** Runs a handler for the page; a refusal or failure becomes `{ ok: false, message, hasBackup }`. */
export async function answer<T>(work: () => T | Promise<T>): Promise<SessionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return {
      ok: false,
      message: e instanceof Error ? e.message : String(e),
      hasBackup: e instanceof SessionServiceError && e.hasBackup,
    };
  }
}

/** The names in `folder`, or none when it does not exist (yet). */
export function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Every `<id><extension>` file of `folder` with a generated id, opened by `open`, and those it failed on. */
export function listLibrary<T>(
  folder: string,
  extension: string,
  open: (id: string) => T,
): { items: T[]; broken: BrokenSession[] } {
  const items: T[] = [];
  const broken: BrokenSession[] = [];
  for (const name of safeReaddir(folder)) {
    if (!name.endsWith(extension)) continue;
    const id = name.slice(0, -extension.length);
    if (!isSessionId(id)) continue;
    try {
      items.push(open(id));
    } catch (e) {
      broken.push({ id, problem: (e as Error).message, hasBackup: e instanceof SessionServiceError && e.hasBackup });
    }
  }
  return { items, broken };
}

/**
 * The text at `path` decoded by `decode`. A missing or unreadable file, or one `decode` refuses
 * with an error `isFormatError` recognises, is a SessionServiceError saying whether a backup exists.
 */
export function readChecked<T>(
  path: string,
  decode: (text: string, name: string) => T,
  isFormatError: (e: unknown) => boolean,
): { decoded: T; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SessionServiceError(
      `cannot read ${basename(path)}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  try {
    return { decoded: decode(text, basename(path)), text };
  } catch (e) {
    if (!isFormatError(e)) throw e;
    const hasBackup = existsSync(path + BACKUP_SUFFIX) && statSync(path + BACKUP_SUFFIX).isFile();
    throw new SessionServiceError((e as Error).message, hasBackup);
  }
}

/** Moves a library file and its backup to the system trash; `what` names it in the error. */
export async function trashWithBackup(
  path: string,
  trash: (path: string) => Promise<void>,
  what: string,
): Promise<void> {
  if (!existsSync(path)) throw new SessionServiceError(`cannot delete: the ${what} does not exist`);
  await trash(path);
  if (existsSync(path + BACKUP_SUFFIX)) await trash(path + BACKUP_SUFFIX);
}

/**
 * Replaces a damaged file by `backupText`. Only a file that fails to open (`opens` false, or gone)
 * is replaced, checked again when the write starts; the write goes through the atomic writer and
 * the path's queue, so it cannot interleave with an autosave. The damaged file is kept beside it
 * (`<file>.damaged-<time>`), and `.bak` stays as it is.
 */
export async function restoreFromBackup(
  path: string,
  backupText: string,
  opens: (path: string) => boolean,
  now: () => Date,
): Promise<void> {
  await saveQueued(
    path,
    () => {
      if (opens(path))
        throw new SessionServiceError(
          `${basename(path)} is not damaged: it opens as it is, so its backup is not restored over it`,
        );
      if (existsSync(path)) copyFileSync(path, `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`);
      return backupText;
    },
    { backup: false },
  );
}

/** Whether `read(path)` succeeds (a missing or damaged file, a SessionServiceError, does not). */
export function readable(read: (path: string) => unknown): (path: string) => boolean {
  return (path) => {
    try {
      read(path);
      return true;
    } catch (e) {
      if (e instanceof SessionServiceError) return false;
      throw e;
    }
  };
}
