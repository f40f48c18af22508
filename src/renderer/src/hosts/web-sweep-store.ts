/**
 * Saved sweeps of the page, in the browser's IndexedDB (a database of their own, so the sessions'
 * database keeps its version): one record per sweep with its `.vaelab-sweep` text. Every save and
 * load is checked by the sweep file's decoder, so a damaged record is named, not shown half.
 */
import { SWEEP_EXTENSION } from '../../../shared/sweep';
import { decodeSweep, encodeSweep, type SweepFile } from '../../../shared/sweep-file';
import type { SweepListing, SweepSummary } from '../../../shared/sweep-summary';
import { downloadText } from '../canvas/export-file';
import { nowIso, SweepStoreError, type OpenedSweep, type SweepStore } from './sweep-store';

const DB_NAME = 'vae-lab-sweeps';
const STORE = 'sweeps';

interface SweepRecord extends SweepSummary {
  text: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(new SweepStoreError(`browser storage failed: ${r.error?.message ?? 'unknown error'}`));
  });
}

function summaryOf(id: string, file: SweepFile, savedAt: string): SweepSummary {
  return {
    id,
    name: file.name ?? 'sweep',
    savedAt,
    runs: file.runs.length,
    finished: file.runs.filter((r) => r.status !== 'failed').length,
  };
}

/** A file name for `name`: letters, digits and a few marks, at most 100 characters. */
export function sweepFileName(name: string): string {
  return (name.replace(/[^\p{L}\p{N} ._()=-]+/gu, '_').slice(0, 100) || 'sweep') + SWEEP_EXTENSION;
}

export class WebSweepStore implements SweepStore {
  readonly kind = 'web';
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
  async list(): Promise<SweepListing> {
    const all = (await request((await this.objects('readonly')).getAll())) as SweepRecord[];
    const sweeps = all
      .map(({ id, name, savedAt, runs, finished }) => ({ id, name, savedAt, runs, finished: finished ?? runs }))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    return { sweeps, broken: [] };
  }

  async save(id: string | null, text: string): Promise<SweepSummary> {
    const file = decodeSweep(text, 'the sweep to save');
    if (id !== null) await this.record(id);
    return this.put(text, file, id ?? undefined);
  }

  async load(id: string): Promise<OpenedSweep> {
    const record = await this.record(id);
    const { text, ...summary } = record;
    return {
      summary: { ...summary, finished: summary.finished ?? summary.runs },
      file: decodeSweep(text, record.name),
    };
  }

  async importText(text: string, fileName: string): Promise<OpenedSweep> {
    let file = decodeSweep(text, fileName);
    // A file of the CLI has no name inside: it takes its file name's.
    if (file.name === undefined) {
      file = { name: fileName.replace(/\.vaelab-sweep$/, ''), ...file };
      text = encodeSweep(file);
    }
    return { summary: await this.put(text, file), file };
  }

  /** Every stored sweep's text with its name inside (an earlier desktop build's sweeps move to disk from here). */
  async entries(): Promise<{ id: string; text: string }[]> {
    const all = (await request((await this.objects('readonly')).getAll())) as SweepRecord[];
    return all.flatMap((r) => {
      try {
        const file = decodeSweep(r.text, r.name);
        return [{ id: r.id, text: file.name === r.name ? r.text : encodeSweep({ ...file, name: r.name }) }];
      } catch {
        return []; // a damaged record stays where it is
      }
    });
  }

  async remove(id: string): Promise<void> {
    await request((await this.objects('readwrite')).delete(id));
  }

  /** Downloads a stored sweep as a `.vaelab-sweep` file. */
  async exportFile(id: string): Promise<string> {
    const record = await this.record(id);
    const name = sweepFileName(record.name);
    downloadText(record.text, name, 'application/json');
    return name;
  }

  private async put(text: string, file: SweepFile, id: string = crypto.randomUUID()): Promise<SweepSummary> {
    const summary = summaryOf(id, file, nowIso());
    await request((await this.objects('readwrite')).put({ ...summary, text } satisfies SweepRecord));
    return summary;
  }

  private async record(id: string): Promise<SweepRecord> {
    const record = (await request((await this.objects('readonly')).get(id))) as SweepRecord | undefined;
    if (!record) throw new SweepStoreError('that sweep is no longer in browser storage');
    return record;
  }
}
