/** Sessions of the desktop app: every action is one preload function, answered by Electron main. */
import type { ExportedFile } from '../../../shared/protocol';
import type { OpenedSessionData, SessionApi, SessionResult } from '../../../shared/preload-api';
import type { SessionListing, SessionSummary } from '../../../shared/session-summary';
import { SessionStoreError, type OpenedSession, type SessionRef, type SessionStore } from './session-store';

async function value<T>(result: Promise<SessionResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new SessionStoreError(r.message, r.hasBackup);
  return r.value;
}

export class ElectronSessionStore implements SessionStore {
  readonly kind = 'electron';
  constructor(private readonly api: SessionApi) {}

  list(): Promise<SessionListing> {
    return value(this.api.list());
  }
  load(ref: SessionRef): Promise<OpenedSession> {
    return value<OpenedSessionData>(this.api.load(ref.place, ref.id));
  }
  save(ref: SessionRef | null, text: string): Promise<SessionSummary> {
    return value(this.api.save(ref?.place ?? 'library', ref?.id ?? null, text));
  }
  saveAs(text: string, suggestedName: string): Promise<SessionSummary | null> {
    return value(this.api.saveAs(text, suggestedName));
  }
  openRecent(): Promise<OpenedSession | null> {
    return value(this.api.openRecent());
  }

  openFile(): Promise<OpenedSession | null> {
    return value(this.api.openFile());
  }
  duplicate(ref: SessionRef): Promise<SessionSummary> {
    return value(this.api.duplicate(ref.place, ref.id));
  }
  rename(ref: SessionRef, name: string): Promise<SessionSummary> {
    return value(this.api.rename(ref.place, ref.id, name));
  }
  async remove(ref: SessionRef): Promise<void> {
    await value(this.api.remove(ref.id));
  }
  restoreBackup(ref: SessionRef): Promise<OpenedSession> {
    return value(this.api.restoreBackup(ref.place, ref.id));
  }
  exportModel(files: ExportedFile[], suggestedName: string): Promise<string | null> {
    return value(this.api.exportModel(files, suggestedName));
  }

  async reveal(ref: SessionRef): Promise<void> {
    await value(this.api.reveal(ref.place, ref.id));
  }
  recent(): Promise<SessionSummary[]> {
    return value(this.api.recent());
  }
  autosaveSeconds(): Promise<number> {
    return this.api.autosaveSeconds();
  }
  setAutosaveSeconds(seconds: number): Promise<void> {
    return this.api.setAutosaveSeconds(seconds);
  }
  /** Main asks before closing the window. */
  onCloseRequest(listener: () => void): () => void {
    return this.api.onCloseRequest(listener);
  }
  closeWindow(): void {
    this.api.closeWindow();
  }
}
