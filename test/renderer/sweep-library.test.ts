/**
 * The saved sweeps of the app (SweepLibrary) on an in-memory store that behaves as the two builds'
 * stores do: save and reopen exactly, import (a CLI file takes its file name), save over the sweep
 * shown, and a damaged sweep's message offering its backup.
 */
import { describe, expect, it } from 'vitest';
import { cloneConfig, PRESETS } from '../../src/shared/config';
import { decodeSweep, encodeSweep, runDiagnostics, type SweepFile } from '../../src/shared/sweep-file';
import type { SweepListing, SweepSummary } from '../../src/shared/sweep-summary';
import { SweepStoreError, type OpenedSweep, type SweepStore } from '../../src/renderer/src/hosts/sweep-store';
import { Sweep } from '../../src/renderer/src/state/sweep.svelte';
import { SweepLibrary } from '../../src/renderer/src/state/sweep-library.svelte';
import { FakeHost } from '../support/fake-host';
import { lectureSession } from '../support/session-fixtures';

class MemorySweepStore implements SweepStore {
  readonly kind = 'web';
  readonly texts = new Map<string, string>();
  damaged: string | null = null;
  private last = 0;

  async list(): Promise<SweepListing> {
    const sweeps = [...this.texts.entries()].map(([id, t]) => this.summary(id, decodeSweep(t, id)));
    return { sweeps: sweeps.reverse(), broken: [] };
  }
  async load(id: string): Promise<OpenedSweep> {
    if (id === this.damaged) throw new SweepStoreError(`${id}.vaelab-sweep: runs[0].status: expected one of`, true);
    const file = decodeSweep(this.texts.get(id)!, id);
    return { summary: this.summary(id, file), file };
  }
  async save(id: string | null, text: string): Promise<SweepSummary> {
    const key = id ?? `w${++this.last}`;
    this.texts.set(key, text);
    return this.summary(key, decodeSweep(text, key));
  }
  async remove(id: string): Promise<void> {
    this.texts.delete(id);
  }
  async importText(text: string, fileName: string): Promise<OpenedSweep> {
    let file = decodeSweep(text, fileName);
    if (file.name === undefined) file = { name: fileName.replace(/\.vaelab-sweep$/, ''), ...file };
    const summary = await this.save(null, encodeSweep(file));
    return { summary, file };
  }
  async exportFile(): Promise<string> {
    return 'x.vaelab-sweep';
  }
  async restoreBackup(id: string): Promise<OpenedSweep> {
    this.damaged = null;
    return this.load(id);
  }
  private summary(id: string, f: SweepFile): SweepSummary {
    const finished = f.runs.filter((r) => r.status !== 'failed').length;
    return {
      id,
      name: f.name ?? 'sweep',
      savedAt: `2026-12-03T10:00:0${this.last % 10}Z`,
      runs: f.runs.length,
      finished,
    };
  }
}

const exact = { grid: 64, examples: 10, negLogPx: 3.125, negElbo: 3.25, gap: 0.125, se: { negLogPx: 0, gap: 0 } };
function cliFile(): SweepFile {
  const d = runDiagnostics({
    examples: 10,
    negElbo: 3.25,
    recon: 1.5,
    reconConstant: 0.5,
    kl: 1.25,
    klPerDim: [1, 0.25],
    muVariance: [1, 0.1],
    activeUnits: 2,
    mutualInfo: 0.875,
    rate: 1.25,
    distortion: 2,
    iwae: null,
    se: { negElbo: 0.004, recon: 0.004, mutualInfo: 0.0123 },
    reconSamples: 8,
    exact,
  });
  return {
    appVersion: '0.1.0',
    createdAt: '2026-12-03T10:00:00.000Z',
    definition: { param: 'beta', values: [0.25, 1] },
    runs: [0.25, 1].map((beta, index) => ({
      index,
      values: { beta },
      status: 'done' as const,
      message: null,
      file: `run-0${index + 1}.vaelab`,
      diagnostics: d,
      session: lectureSession(),
    })),
  };
}

function library() {
  const store = new MemorySweepStore();
  const sweep = new Sweep(() => new FakeHost());
  return { store, sweep, library: new SweepLibrary(store, sweep) };
}
const base = cloneConfig(PRESETS.lecture);

describe('saved sweeps', () => {
  it('import names a CLI file after its file; save and reopen give the same runs and figures', async () => {
    const { store, sweep, library: lib } = library();
    const text = encodeSweep(cliFile());
    expect(await lib.importFile({ name: 'beta.vaelab-sweep', text: async () => text }, base)).toBe(true);
    expect(lib.message).toEqual({ text: 'Imported sweep “beta” (2 runs).', error: false });
    expect(lib.saved.map((s) => [s.name, s.runs])).toEqual([['beta', 2]]);
    expect(lib.shown).toBe(lib.saved[0].id);
    expect(sweep.runs.map((r) => r.phase)).toEqual(['done', 'done']);
    expect(sweep.runs[0].figures!.se!.mutualInfo).toBe(0.0123);
    expect(sweep.runs[0].figures!.likelihood).toEqual({ method: 'exact', negLogPx: 3.125, se: 0, k: null });

    await lib.save('β again');
    expect(lib.saved.map((s) => s.name)).toEqual(['β again', 'beta']);
    const again = decodeSweep(store.texts.get(lib.shown!)!, 'again');
    expect(again.name).toBe('β again');
    expect(again.runs.map((r) => r.diagnostics)).toEqual(cliFile().runs.map((r) => r.diagnostics));
    expect(again.runs[1].session!.state!.weights).toEqual(lectureSession().state!.weights);
    // Save changes replaces the sweep shown instead of adding one.
    await lib.save('β again, renamed', true);
    expect(lib.saved.map((s) => s.name)).toEqual(['β again, renamed', 'beta']);
  });

  it('a damaged sweep is named, offers its backup, and opens from it', async () => {
    const { store, sweep, library: lib } = library();
    const s = await store.save(null, encodeSweep({ name: 'kept', ...cliFile() }));
    await lib.refresh();
    store.damaged = s.id;
    expect(await lib.open(lib.saved[0], base)).toBe(false);
    expect(lib.message).toMatchObject({ error: true, backupOf: s.id });
    expect(lib.message!.text).toMatch(/runs\[0\]\.status/);
    expect(sweep.definition).toBeNull();
    await lib.restoreBackup(s.id, base);
    expect(lib.message).toEqual({ text: 'Opened the backup of sweep “kept”.', error: false });
    expect(sweep.runs).toHaveLength(2);
  });

  it('asks before deleting a sweep; Cancel keeps it, Delete removes it', async () => {
    const store = new MemorySweepStore();
    const asked: string[] = [];
    let yes = false;
    const lib = new SweepLibrary(store, new Sweep(() => new FakeHost()), async (title, text) => {
      asked.push(`${title}: ${text}`);
      return yes;
    });
    await store.save(null, encodeSweep({ name: 'kept', ...cliFile() }));
    await lib.refresh();
    await lib.remove(lib.saved[0]);
    expect(asked).toEqual(['Delete sweep: Delete sweep “kept” and its 2 runs? This cannot be undone.']);
    expect(lib.saved.map((s) => s.name)).toEqual(['kept']);
    yes = true;
    await lib.remove(lib.saved[0]);
    expect(lib.saved).toEqual([]);
    expect(lib.message).toEqual({ text: 'Deleted sweep “kept”.', error: false });
  });
});
