/**
 * Where saved sweeps live, behind one interface: the desktop app asks Electron main (`.vaelab-sweep`
 * files in the app's data folder, system dialogs, trash), the web build keeps them in IndexedDB
 * and moves files in and out by import and download. Sweeps travel as `.vaelab-sweep` text and
 * every one read is checked by the sweep file's decoder.
 */
import type { SweepFile } from '../../../shared/sweep-file';
import type { SweepListing, SweepSummary } from '../../../shared/sweep-summary';

/** A stored sweep, decoded. */
export interface OpenedSweep {
  summary: SweepSummary;
  file: SweepFile;
}

/** Now, as saved sweeps record it. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A failed store action, in words for the user; `hasBackup` offers the sweep's `.bak`. */
export class SweepStoreError extends Error {
  override name = 'SweepStoreError';
  constructor(
    message: string,
    readonly hasBackup = false,
  ) {
    super(message);
  }
}

export interface SweepStore {
  readonly kind: 'electron' | 'web';
  list(): Promise<SweepListing>;
  load(id: string): Promise<OpenedSweep>;
  /**
   * Stores `text` (a whole `.vaelab-sweep`, its name inside) as a new saved sweep (`id` null), or in
   * place of sweep `id` (the desktop app keeps the replaced file as `.bak`).
   */
  save(id: string | null, text: string): Promise<SweepSummary>;
  remove(id: string): Promise<void>;
  /** Web: a `.vaelab-sweep` file the user chose, stored as a new sweep. */
  importText?(text: string, fileName: string): Promise<OpenedSweep>;
  /** Desktop: the system Open dialog, the file copied into the library; null when cancelled. */
  importFile?(): Promise<OpenedSweep | null>;
  /** Web: a download; desktop: the system Save dialog. Returns where it went, or null when cancelled. */
  exportFile(id: string, suggestedName: string): Promise<string | null>;
  /** Desktop: replace a damaged sweep by its backup (the damaged file is kept aside). */
  restoreBackup?(id: string): Promise<OpenedSweep>;
}
