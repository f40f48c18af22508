/**
 * Where saved sessions live, behind one interface: the desktop app asks Electron main (files
 * in the app's data folder, system dialogs, trash), the web build keeps them in IndexedDB and
 * moves files in and out by import and download. Sessions travel as encoded `.vaelab` text.
 */
import type { ExportedFile } from '../../../shared/protocol';
import type { SessionListing, SessionPlace, SessionSummary } from '../../../shared/session-summary';

export interface SessionRef {
  place: SessionPlace;
  id: string;
}

export interface OpenedSession {
  summary: SessionSummary;
  /** The file's text (decode with decodeSession). */
  text: string;
  /** Why it is read-only or was migrated, else null. */
  message: string | null;
}

/** A failed store action, in words for the user; `hasBackup` offers the session's `.bak`. */
export class SessionStoreError extends Error {
  override name = 'SessionStoreError';
  constructor(
    message: string,
    readonly hasBackup = false,
  ) {
    super(message);
  }
}

export interface SessionStore {
  readonly kind: 'electron' | 'web';
  list(): Promise<SessionListing>;
  load(ref: SessionRef): Promise<OpenedSession>;
  /** Save to `ref`, or as a new library session when null. */
  save(ref: SessionRef | null, text: string): Promise<SessionSummary>;
  /** Save under a new place: a path from the system dialog (desktop) or a new entry (web); null when cancelled. */
  saveAs(text: string, suggestedName: string): Promise<SessionSummary | null>;
  duplicate(ref: SessionRef): Promise<SessionSummary>;
  rename(ref: SessionRef, name: string): Promise<SessionSummary>;
  /** Desktop: to the system trash. */
  remove(ref: SessionRef): Promise<void>;
  /** Replace a damaged session by its backup (the damaged file is kept aside). */
  restoreBackup(ref: SessionRef): Promise<OpenedSession>;
  /** Desktop: the system Open dialog; null when cancelled. */
  openFile?(): Promise<OpenedSession | null>;
  /** Desktop: the file just picked in File ▸ Open Recent. */
  openRecent?(): Promise<OpenedSession | null>;
  /** Web: a `.vaelab` file the user chose, stored as a new session. */
  importText?(text: string, fileName: string): Promise<OpenedSession>;
  /** Web: download the session as a `.vaelab` file. */
  exportFile?(ref: SessionRef): Promise<void>;
  /** Desktop: show the file in the system file manager. */
  reveal?(ref: SessionRef): Promise<void>;
  /**
   * File ▸ Export model…: desktop writes the files into a folder the user picks, web downloads them
   * as `<suggestedName>.zip`. Returns where they went, or null when cancelled.
   */
  exportModel?(files: ExportedFile[], suggestedName: string): Promise<string | null>;
  /** Recently opened or saved sessions, newest first. */
  recent(): Promise<SessionSummary[]>;
  /** Autosave interval in seconds (0 = off). */
  autosaveSeconds(): Promise<number>;
  setAutosaveSeconds(seconds: number): Promise<void>;
  /** Desktop: main asks before the window closes; call closeWindow() when ready. */
  onCloseRequest?(listener: () => void): () => void;
  closeWindow?(): void;
}
