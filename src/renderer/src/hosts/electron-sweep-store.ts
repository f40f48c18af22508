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

export class ElectronSweepStore implements SweepStore {
  readonly kind = 'electron';
  constructor(private readonly api: SweepApi) {}

  list(): Promise<SweepListing> {
    return value(this.api.list());
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
