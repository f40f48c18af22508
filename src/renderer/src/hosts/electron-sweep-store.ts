/** Sweeps of the desktop app: every action is one preload function, answered by Electron main. */
import type { OpenedSweepData, SessionResult, SweepApi } from '../../../shared/preload-api';
import { decodeSweep } from '../../../shared/sweep-file';
import type { SweepListing, SweepSummary } from '../../../shared/sweep-summary';
import { SweepStoreError, type OpenedSweep, type SweepStore } from './sweep-store';

async function value<T>(result: Promise<SessionResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new SweepStoreError(r.message, r.hasBackup);
  return r.value;
}

/** Main checked the text; the page decodes it again, so nothing it shows skipped the decoder. */
function opened(data: OpenedSweepData): OpenedSweep {
  return { summary: data.summary, file: decodeSweep(data.text, data.summary.name) };
}

/** Sweeps an earlier desktop build kept in the page's IndexedDB (as the web build does), to move to disk. */
export interface LegacySweeps {
  /** Each stored sweep's id and `.vaelab-sweep` text, its name inside. */
  entries(): Promise<{ id: string; text: string }[]>;
  remove(id: string): Promise<void>;
}

export class ElectronSweepStore implements SweepStore {
  readonly kind = 'electron';
  private moved: Promise<void> | null = null;

  constructor(
    private readonly api: SweepApi,
    private readonly legacy: LegacySweeps | null = null,
  ) {}

  async list(): Promise<SweepListing> {
    this.moved ??= this.moveLegacy();
    await this.moved;
    return value(this.api.list());
  }

  /**
   * Once per page: sweeps an earlier build saved in IndexedDB are written to the sweeps folder, each
   * taken out of IndexedDB only once main has it on disk. One that cannot be moved stays where it was.
   */
  private async moveLegacy(): Promise<void> {
    const legacy = this.legacy;
    if (legacy === null) return;
    let entries: { id: string; text: string }[] = [];
    try {
      entries = await legacy.entries();
    } catch {
      return; // no IndexedDB here: nothing to move
    }
    for (const e of entries) {
      const saved = await this.api.save(null, e.text);
      if (saved.ok) await legacy.remove(e.id).catch(() => undefined);
    }
  }
  async load(id: string): Promise<OpenedSweep> {
    return opened(await value(this.api.load(id)));
  }
  save(id: string | null, text: string): Promise<SweepSummary> {
    return value(this.api.save(id, text));
  }
  async remove(id: string): Promise<void> {
    await value(this.api.remove(id));
  }
  async importFile(): Promise<OpenedSweep | null> {
    const data = await value(this.api.importFile());
    return data === null ? null : opened(data);
  }
  exportFile(id: string, suggestedName: string): Promise<string | null> {
    return value(this.api.exportFile(id, suggestedName));
  }
  async restoreBackup(id: string): Promise<OpenedSweep> {
    return opened(await value(this.api.restoreBackup(id)));
  }
}
