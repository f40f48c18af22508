/**
 * Saved sweeps of the page, in the browser's IndexedDB (a database of their own, so the sessions'
 * database keeps its version): one record per sweep with its `.vaelab-sweep` text. Every load is
 * checked by the sweep file's decoder, so a damaged record is named, not shown half.
 */
import { SWEEP_EXTENSION } from '../../../shared/sweep';
import { decodeSweep, type SweepFile } from '../../../shared/sweep-file';
import { downloadText } from '../canvas/export-file';

const DB_NAME = 'vae-lab-sweeps';
const STORE = 'sweeps';

export interface SweepSummary {
  id: string;
  name: string;
  savedAt: string;
  runs: number;
}

interface SweepRecord extends SweepSummary {
  text: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(new Error(`browser storage failed: ${r.error?.message ?? 'unknown error'}`));
  });
}

/** Now, as saved sweeps record it. */
export function nowIso(): string {
  return new Date().toISOString();
}

export class WebSweepStore {
  private db: Promise<IDBDatabase> | null = null;

  private async objects(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    this.db ??= (() => {
      const r = indexedDB.open(DB_NAME, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
      return request(r);
    })();
    return (await this.db).transaction(STORE, mode).objectStore(STORE);
  }

  /** Newest first. */
  async list(): Promise<SweepSummary[]> {
    const all = (await request((await this.objects('readonly')).getAll())) as SweepRecord[];
    return all
      .map(({ id, name, savedAt, runs }) => ({ id, name, savedAt, runs }))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** Stores `text` (checked first) under `name`; returns its summary. */
  async save(name: string, text: string, savedAt: string): Promise<SweepSummary> {
    const file = decodeSweep(text, name);
    const record: SweepRecord = { id: crypto.randomUUID(), name, savedAt, runs: file.runs.length, text };
    await request((await this.objects('readwrite')).put(record));
    return { id: record.id, name, savedAt, runs: record.runs };
  }

  async load(id: string): Promise<SweepFile> {
    const record = (await request((await this.objects('readonly')).get(id))) as SweepRecord | undefined;
    if (!record) throw new Error('that sweep is no longer in browser storage');
    return decodeSweep(record.text, record.name);
  }

  async remove(id: string): Promise<void> {
    await request((await this.objects('readwrite')).delete(id));
  }

  /** Downloads a stored sweep as a `.vaelab-sweep` file. */
  async exportFile(id: string): Promise<void> {
    const record = (await request((await this.objects('readonly')).get(id))) as SweepRecord | undefined;
    if (!record) throw new Error('that sweep is no longer in browser storage');
    const base = record.name.replace(/[^\p{L}\p{N} ._()=-]+/gu, '_').slice(0, 100) || 'sweep';
    downloadText(record.text, base + SWEEP_EXTENSION, 'application/json');
  }
}
