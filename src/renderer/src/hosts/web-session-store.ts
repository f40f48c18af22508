/**
 * Sessions of the web build, in the browser's IndexedDB (plain API, one object store keyed by a
 * generated id). Files come in by import (checked by the codec, errors name file, field and
 * reason) and leave as downloads.
 */
import { zipSync } from 'fflate';
import type { ExportedFile } from '../../../shared/protocol';
import { SESSION_EXTENSION } from '../../../shared/session';
import { decodeSession, encodeSession } from '../../../shared/session-codec';
import {
  copyName,
  renamedSession,
  sessionNameProblem,
  summarize,
  type SessionListing,
  type SessionSummary,
} from '../../../shared/session-summary';
import { SessionStoreError, type OpenedSession, type SessionRef, type SessionStore } from './session-store';

const DB_NAME = 'vae-lab';
const STORE = 'sessions';
const AUTOSAVE_KEY = 'vae-lab:autosave-seconds';
export const DEFAULT_AUTOSAVE_SECONDS = 60;
const RECENT_COUNT = 5;

interface SessionRecord {
  id: string;
  text: string;
  summary: SessionSummary;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(new SessionStoreError(`browser storage failed: ${r.error?.message ?? 'unknown error'}`));
  });
}

function openDb(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(r);
}

/** A file name for a download: the session's name without characters file systems refuse. */
export function downloadName(name: string): string {
  const base = name
    .replace(/[^\p{L}\p{N} ._()=-]+/gu, '_')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 100);
  return (base || 'session') + SESSION_EXTENSION;
}

export class WebSessionStore implements SessionStore {
  readonly kind = 'web';
  private db: Promise<IDBDatabase> | null = null;

  private async objects(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    this.db ??= openDb();
    return (await this.db).transaction(STORE, mode).objectStore(STORE);
  }

  private async get(ref: SessionRef): Promise<SessionRecord> {
    const record = (await request((await this.objects('readonly')).get(ref.id))) as SessionRecord | undefined;
    if (record === undefined) throw new SessionStoreError('that session is no longer in this browser’s storage');
    return record;
  }

  private async put(id: string, text: string): Promise<SessionSummary> {
    let decoded;
    try {
      decoded = decodeSession(text, 'the session to save');
    } catch (e) {
      throw new SessionStoreError((e as Error).message);
    }
    const summary = summarize(id, 'library', decoded.session, decoded.readOnly);
    await request((await this.objects('readwrite')).put({ id, text, summary } satisfies SessionRecord));
    return summary;
  }

  async list(): Promise<SessionListing> {
    const records = (await request((await this.objects('readonly')).getAll())) as SessionRecord[];
    const sessions = records.map((r) => r.summary).sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return { sessions, broken: [] };
  }

  async load(ref: SessionRef): Promise<OpenedSession> {
    const { text, summary } = await this.get(ref);
    try {
      const decoded = decodeSession(text, summary.name);
      return { summary, text, message: decoded.message };
    } catch (e) {
      throw new SessionStoreError((e as Error).message);
    }
  }

  save(ref: SessionRef | null, text: string): Promise<SessionSummary> {
    return this.put(ref?.id ?? crypto.randomUUID(), text);
  }

  saveAs(text: string): Promise<SessionSummary | null> {
    return this.put(crypto.randomUUID(), text);
  }

  async duplicate(ref: SessionRef): Promise<SessionSummary> {
    const { session } = decodeSession((await this.get(ref)).text, ref.id);
    const now = new Date();
    return this.put(
      crypto.randomUUID(),
      encodeSession({ ...renamedSession(session, copyName(session.name), now), createdAt: now.toISOString() }),
    );
  }

  async rename(ref: SessionRef, name: string): Promise<SessionSummary> {
    const problem = sessionNameProblem(name);
    if (problem) throw new SessionStoreError(`cannot rename: ${problem}`);
    const { session } = decodeSession((await this.get(ref)).text, ref.id);
    return this.put(ref.id, encodeSession(renamedSession(session, name)));
  }

  async remove(ref: SessionRef): Promise<void> {
    await request((await this.objects('readwrite')).delete(ref.id));
  }

  async restoreBackup(): Promise<OpenedSession> {
    throw new SessionStoreError('the browser keeps no backups of sessions');
  }

  async importText(text: string, fileName: string): Promise<OpenedSession> {
    let decoded;
    try {
      decoded = decodeSession(text, fileName);
    } catch (e) {
      throw new SessionStoreError((e as Error).message);
    }
    const id = crypto.randomUUID();
    const summary = summarize(id, 'library', decoded.session, decoded.readOnly);
    await request((await this.objects('readwrite')).put({ id, text, summary } satisfies SessionRecord));
    return { summary, text, message: decoded.message };
  }

  async exportFile(ref: SessionRef): Promise<void> {
    const { text, summary } = await this.get(ref);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName(summary.name);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async exportModel(files: ExportedFile[], suggestedName: string): Promise<string | null> {
    const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
    const name = downloadName(suggestedName).replace(/\.vaelab$/, '') + '.zip';
    const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  }

  async recent(): Promise<SessionSummary[]> {
    return (await this.list()).sessions.slice(0, RECENT_COUNT);
  }

  async autosaveSeconds(): Promise<number> {
    const stored = Number(localStorage.getItem(AUTOSAVE_KEY));
    return localStorage.getItem(AUTOSAVE_KEY) !== null && Number.isFinite(stored) && stored >= 0
      ? stored
      : DEFAULT_AUTOSAVE_SECONDS;
  }

  async setAutosaveSeconds(seconds: number): Promise<void> {
    localStorage.setItem(AUTOSAVE_KEY, String(seconds));
  }
}
