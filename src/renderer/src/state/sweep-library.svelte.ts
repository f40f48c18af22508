/**
 * The saved sweeps beside the current one: save, list, reopen, import, export and delete, in the
 * sweep store of the build (files on disk in the desktop app, IndexedDB in the web build). The
 * Sweep tab and the Sessions panel share one library.
 */
import { encodeSweep } from '../../../shared/sweep-file';
import type { ExperimentConfig } from '../../../shared/config';
import type { BrokenSweep, SweepSummary } from '../../../shared/sweep-summary';
import { nowIso, SweepStoreError, type OpenedSweep, type SweepStore } from '../hosts/sweep-store';
import type { Sweep } from './sweep.svelte';
import { valuesLabel } from './sweep-plan';

export class SweepLibrary {
  saved = $state.raw<SweepSummary[]>([]);
  broken = $state.raw<BrokenSweep[]>([]);
  message = $state.raw<{ text: string; error: boolean; backupOf?: string } | null>(null);
  /** The saved sweep shown in the Sweep tab (opened or just saved), or null. */
  shown = $state<string | null>(null);

  constructor(
    readonly store: SweepStore,
    private readonly sweep: Sweep,
    /** Asks before a delete (the app's question dialog); true to go on. Without it, deletes are not asked. */
    private readonly confirm: (title: string, text: string, yes: string) => Promise<boolean> = async () => true,
  ) {}

  /** A name for the current sweep: "pinwheel sweep β=0.01…16 (6 runs)". */
  suggestedName(): string {
    const d = this.sweep.definition;
    if (d === null) return 'sweep';
    const first = valuesLabel({ [d.param]: Math.min(...d.values) });
    return `${this.sweep.base?.dataset.kind ?? ''} sweep ${first}…${Math.max(...d.values)} (${this.sweep.runs.length} runs)`.trim();
  }

  async refresh(): Promise<void> {
    await this.attempt(() => this.reload());
  }

  /** Saves the current sweep as a new saved sweep, or (`replace`) over the one shown. */
  async save(name: string, replace = false): Promise<void> {
    await this.attempt(async () => {
      const id = replace ? this.shown : null;
      const s = await this.store.save(id, encodeSweep({ name, ...this.sweep.toFile(nowIso()) }));
      await this.reload();
      this.shown = s.id;
      const warning = s.warning ? ` ${s.warning}` : '';
      this.message = { text: `Saved sweep “${s.name}” (${s.runs} runs).${warning}`, error: false };
    });
  }

  /** The saved sweep shown, if any. */
  get shownSummary(): SweepSummary | null {
    return this.saved.find((s) => s.id === this.shown) ?? null;
  }

  /** Shows a saved sweep in the Sweep tab; false when it could not be read. */
  async open(s: SweepSummary, base: ExperimentConfig): Promise<boolean> {
    return this.attempt(async () => this.show(await this.store.load(s.id), base, `Opened sweep “${s.name}”.`), s.id);
  }

  /** Web: the file the user chose; desktop: the system Open dialog. False when nothing was opened. */
  async importFile(file: { name: string; text(): Promise<string> } | null, base: ExperimentConfig): Promise<boolean> {
    return this.attempt(async () => {
      const store = this.store;
      const opened =
        file !== null && store.importText
          ? await store.importText(await file.text(), file.name)
          : store.importFile
            ? await store.importFile()
            : null;
      if (opened === null) return false;
      await this.reload();
      this.show(opened, base, `Imported sweep “${opened.summary.name}” (${opened.file.runs.length} runs).`);
    });
  }

  async exportFile(s: SweepSummary): Promise<void> {
    await this.attempt(async () => {
      const where = await this.store.exportFile(s.id, s.name);
      if (where !== null) this.message = { text: `Exported sweep “${s.name}” as ${where}.`, error: false };
    });
  }

  async remove(s: SweepSummary): Promise<void> {
    const where = this.store.kind === 'electron' ? 'It goes to the trash.' : 'This cannot be undone.';
    if (!(await this.confirm('Delete sweep', `Delete sweep “${s.name}” and its ${s.runs} runs? ${where}`, 'Delete')))
      return;
    await this.attempt(async () => {
      await this.store.remove(s.id);
      await this.reload();
      if (this.shown === s.id) this.shown = null;
      this.message = { text: `Deleted sweep “${s.name}”.`, error: false };
    });
  }

  /** Desktop: open the backup of a damaged sweep file in its place. */
  async restoreBackup(id: string, base: ExperimentConfig): Promise<void> {
    const restore = this.store.restoreBackup?.bind(this.store);
    if (!restore) return;
    await this.attempt(async () => {
      const opened = await restore(id);
      await this.reload();
      this.show(opened, base, `Opened the backup of sweep “${opened.summary.name}”.`);
    });
  }

  private show(opened: OpenedSweep, base: ExperimentConfig, text: string): void {
    this.sweep.load(opened.file, base);
    this.shown = opened.summary.id;
    this.message = { text, error: false };
  }

  private async reload(): Promise<void> {
    const listing = await this.store.list();
    this.saved = listing.sweeps;
    this.broken = listing.broken;
  }

  /** Runs `action`; a failure becomes the message (offering the backup of sweep `id`). True when it went through. */
  private async attempt(action: () => Promise<void | boolean>, id?: string): Promise<boolean> {
    try {
      return (await action()) !== false;
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const backup = id !== undefined && e instanceof SweepStoreError && e.hasBackup;
      this.message = backup ? { text, error: true, backupOf: id } : { text, error: true };
      return false;
    }
  }
}
