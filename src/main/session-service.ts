/**
 * Sessions on disk for the desktop app: the library folder (`<userData>/sessions`, one
 * `<id>.vaelab` per session, the name inside the file) and files the user picked in a system
 * dialog, known to the page only by a generated id. All writes go through node-io's atomic,
 * queued writer; every id and name from the page is checked before it touches a path.
 */
import { basename, join } from 'node:path';
import { BACKUP_SUFFIX, newSessionId, saveQueued, sessionFileName } from '../node-io';
import { SESSION_EXTENSION } from '../shared/session';
import { decodeSession, encodeSession, SessionFileError, type DecodedSession } from '../shared/session-codec';
import {
  copyName,
  isSessionId,
  renamedSession,
  sessionNameProblem,
  summarize,
  type SessionListing,
  type SessionPlace,
  type SessionSummary,
} from '../shared/session-summary';
import {
  LibraryFolder,
  listLibrary,
  readable,
  readChecked,
  restoreFromBackup,
  SessionServiceError,
  trashWithBackup,
} from './library-files';

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

export class SessionService extends LibraryFolder {
  private readonly files = new Map<string, KnownFile>();

  /** Every session of the library, newest first, and the files that could not be read. */
  list(): SessionListing {
    const { items, broken } = listLibrary(this.folder, SESSION_EXTENSION, (id) => this.open('library', id).summary);
    return { sessions: items.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)), broken };
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
    await trashWithBackup(this.pathOf('library', id), this.options.trash, 'session');
  }

  /**
   * Replace a damaged file by its backup (library-files.ts: only a file that fails to decode, or is
   * gone, checked again when the write starts; the damaged file is kept beside it).
   */
  async restoreBackup(place: SessionPlace, id: unknown): Promise<OpenedSession> {
    const path = this.pathOf(place, id, 'write');
    const backup = readDecoded(path + BACKUP_SUFFIX);
    await restoreFromBackup(path, backup.text, readable(readDecoded), this.now);
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

/** Read and decode; a damaged file is reported with whether its backup exists. */
function readDecoded(path: string): DecodedSession & { text: string } {
  const { decoded, text } = readChecked(path, decodeSession, (e) => e instanceof SessionFileError);
  return { ...decoded, text };
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
