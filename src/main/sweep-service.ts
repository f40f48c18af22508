/**
 * Sweeps on disk for the desktop app: the sweep library (`<userData>/sweeps`, one
 * `<id>.vaelab-sweep` per sweep, its name inside the file). The page knows a sweep only by its
 * generated id. Writes go only to library files the app created and to paths the user picked in a
 * Save dialog, through node-io's atomic, queued writer (the replaced version kept as `.bak`),
 * and every text is checked by the sweep file's decoder before it is written or handed on.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BACKUP_SUFFIX, newSessionId, saveQueued } from '../node-io';
import { SWEEP_EXTENSION } from '../shared/sweep';
import { decodeSweep, encodeSweep, SweepFileError, type SweepFile } from '../shared/sweep-file';
import { isSessionId } from '../shared/session-summary';
import type { SweepListing, SweepSummary } from '../shared/sweep-summary';
import {
  LibraryFolder,
  listLibrary,
  readable,
  readChecked,
  restoreFromBackup,
  SessionServiceError,
  trashWithBackup,
} from './library-files';

/** A stored sweep as the page receives it: its summary and its `.vaelab-sweep` text. */
export interface OpenedSweep {
  summary: SweepSummary;
  text: string;
}

export class SweepService extends LibraryFolder {
  /** Every sweep of the library, newest first, and the files that could not be read. */
  list(): SweepListing {
    const { items, broken } = listLibrary(this.folder, SWEEP_EXTENSION, (id) => this.open(id).summary);
    return { sweeps: items.sort((a, b) => b.savedAt.localeCompare(a.savedAt)), broken };
  }

  /** Read and check one sweep of the library; a damaged file says whether its backup exists. */
  open(id: unknown): OpenedSweep {
    const path = this.pathOf(id);
    const { file, text } = readSweep(path);
    return { summary: summarize(id as string, file, path), text };
  }

  /**
   * Store `text` (a whole, valid sweep) in the library: `id` null makes a new sweep, else it replaces
   * that sweep, whose previous version is kept as `.bak`.
   */
  async save(id: unknown, text: unknown): Promise<SweepSummary> {
    checkText(text, 'the sweep to save');
    if (id === null) return this.write(newSessionId(), text as string);
    if (!existsSync(this.pathOf(id)))
      throw new SessionServiceError('cannot save: that sweep is no longer in the library');
    return this.write(id as string, text as string);
  }

  /** A `.vaelab-sweep` file the user picked in the Open dialog, copied into the library under a new id. */
  async importPath(path: string): Promise<OpenedSweep> {
    const { file, text } = readSweep(path);
    // A file of the CLI has no name inside: it takes its file name's.
    const named = file.name === undefined ? encodeSweep({ name: basename(path, SWEEP_EXTENSION), ...file }) : text;
    const summary = await this.write(newSessionId(), named);
    return { summary, text: named };
  }

  /** Write a library sweep to a path the user picked in the Save dialog. */
  async exportToPath(id: unknown, path: string): Promise<string | null> {
    const { text } = readSweep(this.pathOf(id));
    return (await saveQueued(path, text)).warning;
  }

  /** Move a library sweep (and its backup) to the system trash. */
  async remove(id: unknown): Promise<void> {
    await trashWithBackup(this.pathOf(id), this.options.trash, 'sweep');
  }

  /**
   * Replace a damaged sweep by its backup, as for sessions: only a file that fails to decode (or is
   * gone) is replaced, checked again when the write starts; the damaged file is kept beside it.
   */
  async restoreBackup(id: unknown): Promise<OpenedSweep> {
    const path = this.pathOf(id);
    const backup = readSweep(path + BACKUP_SUFFIX);
    await restoreFromBackup(path, backup.text, readable(readSweep), this.now);
    return { summary: summarize(id as string, backup.file, path), text: backup.text };
  }

  /** The library file of a generated id; anything else is refused before it touches a path. */
  pathOf(id: unknown): string {
    if (!isSessionId(id)) throw new SessionServiceError(`${JSON.stringify(String(id).slice(0, 80))} is not a sweep id`);
    return join(this.folder, id + SWEEP_EXTENSION);
  }

  private async write(id: string, text: string): Promise<SweepSummary> {
    const path = this.pathOf(id);
    const { warning } = await saveQueued(path, text);
    const summary = summarize(id, decodeSweep(text, basename(path)), path);
    return warning === null ? summary : { ...summary, warning };
  }
}

function summarize(id: string, file: SweepFile, path: string): SweepSummary {
  let savedAt = file.createdAt;
  try {
    savedAt = statSync(path).mtime.toISOString();
  } catch {
    // Just written or gone meanwhile: the file's own date stands.
  }
  return {
    id,
    name: file.name ?? basename(path, SWEEP_EXTENSION),
    savedAt,
    runs: file.runs.length,
    finished: file.runs.filter((r) => r.status !== 'failed').length,
  };
}

/** Read and decode; a damaged file is reported with whether its backup exists. */
function readSweep(path: string): { file: SweepFile; text: string } {
  const { decoded, text } = readChecked(path, decodeSweep, (e) => e instanceof SweepFileError);
  return { file: decoded, text };
}

/** What the page sends must be a whole, valid sweep. */
function checkText(text: unknown, what: string): SweepFile {
  if (typeof text !== 'string') throw new SessionServiceError('a sweep must be sent as text');
  try {
    return decodeSweep(text, what);
  } catch (e) {
    throw new SessionServiceError((e as Error).message);
  }
}
