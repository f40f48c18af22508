/** The saved sweeps beside the current one: save, list, reopen, import, export and delete. */
import { encodeSweep, decodeSweep } from '../../../shared/sweep-file';
import type { ExperimentConfig } from '../../../shared/config';
import { nowIso, type SweepSummary, type WebSweepStore } from '../hosts/web-sweep-store';
import type { Sweep } from './sweep.svelte';
import { valuesLabel } from './sweep-plan';

export class SweepLibrary {
  saved = $state.raw<SweepSummary[]>([]);
  message = $state.raw<{ text: string; error: boolean } | null>(null);

  constructor(
    private readonly store: WebSweepStore,
    private readonly sweep: Sweep,
  ) {}

  /** A name for the current sweep: "pinwheel β 0.01…16 (6 runs)". */
  suggestedName(): string {
    const d = this.sweep.definition;
    if (d === null) return 'sweep';
    const first = valuesLabel({ [d.param]: Math.min(...d.values) });
    return `${this.sweep.base?.dataset.kind ?? ''} sweep ${first}…${Math.max(...d.values)} (${this.sweep.runs.length} runs)`.trim();
  }

  async refresh(): Promise<void> {
    await this.attempt(async () => {
      this.saved = await this.store.list();
    });
  }

  async save(name: string): Promise<void> {
    await this.attempt(async () => {
      const now = nowIso();
      const s = await this.store.save(name, encodeSweep(this.sweep.toFile(now)), now);
      this.saved = await this.store.list();
      this.message = { text: `Saved sweep “${s.name}” (${s.runs} runs).`, error: false };
    });
  }

  async open(s: SweepSummary, base: ExperimentConfig): Promise<void> {
    await this.attempt(async () => {
      this.sweep.load(await this.store.load(s.id), base);
      this.message = { text: `Opened sweep “${s.name}”.`, error: false };
    });
  }

  async importFile(file: { name: string; text(): Promise<string> }, base: ExperimentConfig): Promise<void> {
    await this.attempt(async () => {
      const text = await file.text();
      const decoded = decodeSweep(text, file.name);
      const name = file.name.replace(/\.vaelab-sweep$/, '');
      await this.store.save(name, text, nowIso());
      this.sweep.load(decoded, base);
      this.saved = await this.store.list();
      this.message = { text: `Imported sweep “${name}” (${decoded.runs.length} runs).`, error: false };
    });
  }

  async exportFile(s: SweepSummary): Promise<void> {
    await this.attempt(() => this.store.exportFile(s.id));
  }

  async remove(s: SweepSummary): Promise<void> {
    await this.attempt(async () => {
      await this.store.remove(s.id);
      this.saved = await this.store.list();
      this.message = { text: `Deleted sweep “${s.name}”.`, error: false };
    });
  }

  private async attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.message = { text: e instanceof Error ? e.message : String(e), error: true };
    }
  }
}
