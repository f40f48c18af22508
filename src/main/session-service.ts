/**
 * Sessions on disk for the desktop app: the library folder (`<userData>/sessions`, one
 * `<id>.vaelab` per session, the name inside the file) and files the user picked in a system
 * dialog, known to the page only by a generated id. All writes go through node-io's atomic,
 * queued writer; every id and name from the page is checked before it touches a path.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BACKUP_SUFFIX, cleanStrayTempFiles, newSessionId, saveQueued, sessionFileName } from '../node-io';
import { SESSION_EXTENSION } from '../shared/session';
import { decodeSession, encodeSession, SessionFileError, type DecodedSession } from '../shared/session-codec';
import {
  copyName,
  isSessionId,
  renamedSession,
  sessionNameProblem,
  summarize,
  type BrokenSession,
  type SessionListing,
  type SessionPlace,
  type SessionSummary,
} from '../shared/session-summary';

/** A request the service refuses or cannot carry out; `message` is for people. */
export class SessionServiceError extends Error {
  override name = 'SessionServiceError';
  /** True when the file is damaged and `<file>.bak` can be opened instead. */
  readonly hasBackup: boolean;
  constructor(message: string, hasBackup = false) {
    super(message);
    this.hasBackup = hasBackup;
  }
}

export interface SessionServiceOptions {
  /** The library folder; created when missing. */
  folder: string;
  /** Moves a file to the system trash (shell.trashItem in the app). */
  trash(path: string): Promise<void>;
  now?: () => Date;
}

/** A decoded session and its text, as the page receives it. */
export interface OpenedSession {
  summary: SessionSummary;
  text: string;
  /** Why it is read-only or was migrated, else null. */
  message: string | null;
}

/** A file outside the library known to the page by id; `writable` only when the user picked it or we created it. */
interface KnownFile {
  path: string;
  writable: boolean;
}

/** What the page may do with a session: read it, or also write it (save, rename, restore its backup). */
type Access = 'read' | 'write';

export class SessionService {
  private readonly files = new Map<string, KnownFile>();
  private readonly now: () => Date;

  constructor(private readonly options: SessionServiceOptions) {
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

  /** Every session of the library, newest first, and the files that could not be read. */
  list(): SessionListing {
    const sessions: SessionSummary[] = [];
    const broken: BrokenSession[] = [];
    for (const name of safeReaddir(this.folder)) {
      if (!name.endsWith(SESSION_EXTENSION)) continue;
      const id = name.slice(0, -SESSION_EXTENSION.length);
      if (!isSessionId(id)) continue;
      try {
        sessions.push(this.open('library', id).summary);
      } catch (e) {
        broken.push({ id, problem: (e as Error).message, hasBackup: e instanceof SessionServiceError && e.hasBackup });
      }
    }
    sessions.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return { sessions, broken };
  }

  /** Read and check one session. A damaged file throws SessionServiceError saying whether a backup exists. */
  open(place: SessionPlace, id: unknown): OpenedSession {
    const path = this.pathOf(place, id);
    const decoded = readDecoded(path);
    return this.opened(place, id as string, decoded, path);
  }

  /**
   * Open a file the user picked in a system dialog or the app's menu: its id may be saved through.
   * One id per path, so opening the same file again does not add ids.
   */
  openPath(path: string): OpenedSession {
    const decoded = readDecoded(path);
    const id = this.idFor(path, true);
    return this.opened('file', id, decoded, path);
  }

  /**
   * The recent files, for the page's list: read-only ids (a page cannot write to a file just because
   * it was once opened; the IPC layer asks the user first). Ids of recent files no longer listed are
   * dropped, so their number stays that of the list.
   */
  recent(paths: readonly string[]): SessionSummary[] {
    const listed = new Set(paths);
    for (const [id, file] of this.files) if (!file.writable && !listed.has(file.path)) this.files.delete(id);
    return paths.flatMap((path) => {
      try {
        const decoded = readDecoded(path);
        return [this.opened('file', this.idFor(path, false), decoded, path).summary];
      } catch {
        return []; // moved, deleted or damaged since: left out of the list
      }
    });
  }

  /** Whether the page may write to this session without asking the user. */
  canWrite(place: SessionPlace, id: unknown): boolean {
    if (place === 'library') return true;
    return typeof id === 'string' && this.files.get(id)?.writable === true;
  }

  /** The user agreed (in a dialog of the main process) that this file may be written. */
  grantWrite(id: string): void {
    const file = this.files.get(id);
    if (file) file.writable = true;
  }

  /** Save `text` (an encoded session) as a library session: `id` null makes a new one. */
  async save(place: SessionPlace, id: unknown, text: unknown): Promise<SessionSummary> {
    const session = checkText(text);
    const target = place === 'library' && id === null ? newSessionId() : id;
    const path = this.pathOf(place, target, 'write');
    const { warning } = await saveQueued(path, text as string);
    return withWarning(this.withPath(place, summarize(target as string, place, session.session, false), path), warning);
  }

  /** Save `text` to a path the user picked; the file gets an id for later saves. */
  async saveToPath(path: string, text: unknown): Promise<SessionSummary> {
    const session = checkText(text);
    const { warning } = await saveQueued(path, text as string);
    const id = this.idFor(path, true);
    return withWarning(this.withPath('file', summarize(id, 'file', session.session, false), path), warning);
  }

  async rename(place: SessionPlace, id: unknown, name: unknown): Promise<SessionSummary> {
    const problem = sessionNameProblem(name);
    if (problem) throw new SessionServiceError(`cannot rename: ${problem}`);
    const { session, readOnly } = readDecoded(this.pathOf(place, id, 'write'));
    if (readOnly)
      throw new SessionServiceError('cannot rename: the session was written by a newer VAE Lab and is read-only');
    return this.save(place, id, encodeSession(renamedSession(session, name as string, this.now())));
  }

  /** A copy in the library named "… (copy)". */
  async duplicate(place: SessionPlace, id: unknown): Promise<SessionSummary> {
    const { session, readOnly } = readDecoded(this.pathOf(place, id));
    if (readOnly)
      throw new SessionServiceError('cannot duplicate: the session was written by a newer VAE Lab and is read-only');
    const copy = {
      ...renamedSession(session, copyName(session.name), this.now()),
      createdAt: this.now().toISOString(),
    };
    return this.save('library', null, encodeSession(copy));
  }

  /** Move a library session (and its backup) to the system trash. */
  async remove(id: unknown): Promise<void> {
    const path = this.pathOf('library', id);
    if (!existsSync(path)) throw new SessionServiceError('cannot delete: the session does not exist');
    await this.options.trash(path);
    if (existsSync(path + BACKUP_SUFFIX)) await this.options.trash(path + BACKUP_SUFFIX);
  }

  /**
   * Replace a damaged file by its backup. Only a file that fails to decode (or is gone) is
   * replaced, checked again when the write starts; the write goes through the atomic writer and
   * the path's queue, so it cannot interleave with an autosave. The damaged file is kept beside
   * it (`<file>.damaged-<time>`), and `.bak` stays as it is.
   */
  async restoreBackup(place: SessionPlace, id: unknown): Promise<OpenedSession> {
    const path = this.pathOf(place, id, 'write');
    const backup = readDecoded(path + BACKUP_SUFFIX);
    await saveQueued(
      path,
      () => {
        if (decodes(path))
          throw new SessionServiceError(
            `${basename(path)} is not damaged: it opens as it is, so its backup is not restored over it`,
          );
        if (existsSync(path)) copyFileSync(path, `${path}.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}`);
        return backup.text;
      },
      { backup: false },
    );
    return this.opened(place, id as string, backup, path);
  }

  /** The file of a session; throws for ids that were not generated here, and for writes the user did not allow. */
  pathOf(place: SessionPlace, id: unknown, access: Access = 'read'): string {
    if (!isSessionId(id))
      throw new SessionServiceError(`${JSON.stringify(String(id).slice(0, 80))} is not a session id`);
    if (place === 'library') return join(this.folder, sessionFileName(id));
    const file = this.files.get(id);
    if (file === undefined) throw new SessionServiceError('that file is no longer open; use Open… to pick it again');
    if (access === 'write' && !file.writable)
      throw new SessionServiceError(
        `${basename(file.path)} was opened from the recent list; save it with Save As… or allow writing to it`,
      );
    return file.path;
  }

  /** The id of a known path (write access only grows), or a new one. */
  private idFor(path: string, writable: boolean): string {
    for (const [id, file] of this.files)
      if (file.path === path) {
        file.writable ||= writable;
        return id;
      }
    const id = newSessionId();
    this.files.set(id, { path, writable });
    return id;
  }

  private opened(
    place: SessionPlace,
    id: string,
    decoded: DecodedSession & { text: string },
    path: string,
  ): OpenedSession {
    const summary = this.withPath(place, summarize(id, place, decoded.session, decoded.readOnly), path);
    return { summary, text: decoded.text, message: decoded.message };
  }

  private withPath(place: SessionPlace, summary: SessionSummary, path: string): SessionSummary {
    return place === 'file' ? { ...summary, path } : summary;
  }
}

/** The summary, with the writer's warning for the user when the save had a caveat. */
function withWarning(summary: SessionSummary, warning: string | null): SessionSummary {
  return warning === null ? summary : { ...summary, warning };
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

/** Read and decode; a damaged file is reported with whether its backup exists. */
function readDecoded(path: string): DecodedSession & { text: string } {
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
    return { ...decodeSession(text, basename(path)), text };
  } catch (e) {
    if (!(e instanceof SessionFileError)) throw e;
    const hasBackup = existsSync(path + BACKUP_SUFFIX) && statSync(path + BACKUP_SUFFIX).isFile();
    throw new SessionServiceError(e.message, hasBackup);
  }
}

/** Whether the file at `path` is a readable session (a missing or damaged one is not). */
function decodes(path: string): boolean {
  try {
    readDecoded(path);
    return true;
  } catch (e) {
    if (e instanceof SessionServiceError) return false;
    throw e;
  }
}

/** What the page sends must be a whole, valid session of this schema. */
function checkText(text: unknown): DecodedSession {
  if (typeof text !== 'string') throw new SessionServiceError('a session must be sent as text');
  let decoded: DecodedSession;
  try {
    decoded = decodeSession(text, 'the session to save');
  } catch (e) {
    throw new SessionServiceError((e as Error).message);
  }
  if (decoded.readOnly)
    throw new SessionServiceError('this session was written by a newer VAE Lab and cannot be saved by this version');
  return decoded;
}
