/**
 * Names of the writer's temporary files and their clean-up after a crash. A temp name carries
 * the writing process's id, so a clean-up never removes the file of a save still in progress
 * in another live process (the app and the CLI may share a folder).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const TEMP_SUFFIX = '.vaelab-tmp';
/** `.<start of the target's name>.<pid>.<12 hex digits>.vaelab-tmp` */
const TEMP_NAME = /^\.(?:.*)\.(\d{1,10})\.[0-9a-f]{12}\.vaelab-tmp$/su;
/** Characters of the target's name kept in the temp name (≤ 160 bytes, so the name stays under 255). */
const PREFIX_CHARS = 40;

/** A fresh temp name for `base` in the same folder. */
export function tempFileName(base: string, pid: number = process.pid): string {
  const prefix = Array.from(base).slice(0, PREFIX_CHARS).join('');
  return `.${prefix}.${pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** The process id in one of our temp names, or null when `name` is not one. */
export function tempFileOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files in `dir` left by saves that were cut short (a crash, a kill): only names of
 * our pattern whose writing process is gone. Returns the names removed; a missing folder is none.
 */
export function cleanStrayTempFiles(dir: string, alive: (pid: number) => boolean = isAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = tempFileOwner(name);
    if (owner === null || owner === process.pid || alive(owner)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return removed;
}
