/**
 * A sweep in the app: its runs, `jobs` of them at a time, each on its own engine host (a fresh
 * Web Worker), so the lab's own engine keeps training undisturbed. Runs can be paused, resumed,
 * cancelled and extended; a failed or diverged run is marked and the others go on.
 */
import type { ExperimentConfig } from '../../../shared/config';
import { command, type DataSpectrum } from '../../../shared/protocol';
import type { SweepDefinition } from '../../../shared/sweep';
import type { Host } from '../hosts/host';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { APP_VERSION } from '../../../shared/app-version';
import type { Session } from '../../../shared/session';
import { runDiagnostics, type SweepFile, type SweepRun } from '../../../shared/sweep-file';
import { sourcesFor, type UserSources } from './data-sources';
import { buildSession, sessionToJob } from './session-build';
import { RunDriver, type RunEnd } from './sweep-run';
import { plannedRuns, valuesLabel } from './sweep-plan';
import { SweepRunState } from './sweep-runs.svelte';
import type { SweepProposal } from './phenomena';

export class Sweep {
  definition = $state.raw<SweepDefinition | null>(null);
  runs = $state.raw<SweepRunState[]>([]);
  /** The experiment every run starts from. */
  base = $state.raw<ExperimentConfig | null>(null);
  jobs = $state(1);
  paused = $state(false);
  /** The data's spectrum (eigenvalues, entropy H), from the first run's dataset. */
  spectrum = $state.raw<DataSpectrum | null>(null);
  /**
   * A sweep prepared elsewhere (a phenomenon's "Open a β sweep"): the form shows its values and its
   * runs start from its own experiment instead of the lab's, until the user drops it.
   */
  proposal = $state.raw<SweepProposal | null>(null);
  /** What went wrong before any run started (bad data, MNIST not loaded), or null. */
  error = $state<string | null>(null);
  /** Runs still to finish. */
  active = $derived(this.runs.filter((r) => r.phase === 'queued' || r.phase === 'running' || r.phase === 'paused'));
  running = $derived(this.active.length > 0);
  done = $derived(this.runs.filter((r) => r.finished).length);

  private user: UserSources = {};
  private readonly drivers = new SvelteMap<SweepRunState, RunDriver>();
  /** Runs whose data is being fetched before their engine starts. */
  private readonly launching = new SvelteSet<SweepRunState>();
  private epochs = 0;

  /** `makeHost` gives a new, unconnected engine host for one run. */
  constructor(private readonly makeHost: () => Host) {}

  /** Starts a new sweep of `base` (the lab's experiment) and its data. */
  start(def: SweepDefinition, base: ExperimentConfig, user: UserSources, jobs: number): void {
    this.cancel();
    this.definition = def;
    this.base = base;
    this.user = user;
    this.jobs = Math.max(1, jobs);
    this.paused = false;
    this.error = null;
    this.spectrum = null;
    this.epochs = base.train.epochs;
    this.runs = plannedRuns(def, base).map((p) => new SweepRunState(p.index, p.values, p.config));
    for (const r of this.runs) r.epochs = this.epochs;
    this.pump();
  }

  pause(): void {
    this.paused = true;
    for (const d of this.drivers.values()) d.pause();
  }

  resume(): void {
    this.paused = false;
    for (const d of this.drivers.values()) d.resume();
    this.pump();
  }

  /** Stops every engine; unfinished runs are marked cancelled (finished ones keep their results). */
  cancel(): void {
    for (const d of this.drivers.values()) d.stop();
    this.drivers.clear();
    for (const r of this.active) {
      r.phase = 'cancelled';
      r.message = 'cancelled';
    }
  }

  /** Trains every run `extra` epochs more; finished runs continue from their weights. */
  extend(extra: number): void {
    this.epochs += extra;
    for (const r of this.runs) {
      r.epochs = this.epochs;
      const d = this.drivers.get(r);
      if (d) d.setEpochs(this.epochs);
      else if (r.phase === 'done' || r.phase === 'cancelled') {
        r.phase = 'queued';
        r.message = null;
      }
    }
    this.pump();
  }

  /** Starts queued runs while engines are free. */
  private pump(): void {
    if (this.paused) return;
    for (const r of this.runs) {
      if (this.drivers.size + this.launching.size >= this.jobs) return;
      if (r.phase === 'queued') void this.launch(r).finally(() => this.pump());
    }
  }

  private async launch(r: SweepRunState): Promise<void> {
    r.phase = 'running';
    const config = r.trained?.config ?? r.config;
    this.launching.add(r);
    let sources;
    try {
      sources = await sourcesFor(config, this.user);
    } catch (e) {
      r.phase = 'failed';
      r.message = e instanceof Error ? e.message : String(e);
      return;
    } finally {
      this.launching.delete(r);
    }
    if (r.phase !== 'running') return; // cancelled meanwhile
    const restore = r.trained ? { state: r.trained.state, history: r.trained.history } : null;
    const driver = new RunDriver(
      this.makeHost(),
      { config, sources, restore, epochs: this.epochs },
      {
        status: (state, epoch, epochs) => {
          r.epoch = epoch;
          r.epochs = epochs;
          if (state === 'paused' || state === 'running') r.phase = state;
        },
        metrics: (m) => {
          r.history = [...r.history, ...m];
          r.epoch = m.at(-1)?.epoch ?? r.epoch;
        },
        dataset: (d) => {
          r.dataset = { ...d, x: new Float32Array(0) };
          r.labels = d.labels;
          this.spectrum ??= d.spectrum;
        },
        snapshot: (s) => {
          r.means = { values: s.means, latent: s.latent };
          r.snapshot = s;
        },
        finished: (end) => this.finished(r, end),
      },
    );
    this.drivers.set(r, driver);
    if (this.paused) driver.pause();
    driver.start();
  }

  private finished(r: SweepRunState, end: RunEnd): void {
    this.drivers.delete(r);
    r.phase = end.phase;
    r.message = end.message;
    if (end.diagnostics) r.figures = runDiagnostics(end.diagnostics);
    if (end.state && end.config && end.history) {
      r.trained = { config: end.config, state: end.state, history: end.history };
      r.history = end.history;
      r.epoch = end.state.epoch;
    }
    this.pump();
  }

  /** A finished run as a session with its weights (its saved one for a reopened sweep), or null. */
  runSession(r: SweepRunState): Session | null {
    if (r.trained === null || r.dataset === null) return r.session;
    // A reopened run that trained further here builds a new session from its engine's checkpoint.
    const name = `${r.config.dataset.kind} sweep ${valuesLabel(r.values)}`;
    return buildSession({
      name,
      notes: `Run ${r.index + 1} of a sweep (${r.phase}${r.message ? `: ${r.message}` : ''}).`,
      config: r.config,
      sources: this.user,
      checkpoint: r.trained,
      history: r.trained.history,
      dataset: r.dataset,
      snapshot: r.snapshot,
      divergence: null,
    });
  }

  /** The sweep as a `.vaelab-sweep` file: finished runs with their sessions, the others failed. */
  toFile(createdAt: string): SweepFile {
    if (this.definition === null) throw new Error('there is no sweep to save yet');
    const width = Math.max(2, String(this.runs.length).length);
    const runs: SweepRun[] = this.runs.map((r) => {
      const session = r.phase === 'failed' ? null : this.runSession(r);
      const kept = session !== null && (r.phase === 'done' || r.phase === 'diverged');
      return {
        index: r.index,
        values: r.values,
        status: kept ? (r.phase as 'done' | 'diverged') : 'failed',
        message: kept ? r.message : (r.message ?? `not finished (${r.phase})`),
        file: `run-${String(r.index + 1).padStart(width, '0')}.vaelab`,
        diagnostics: r.figures,
        session: kept ? session : null,
      };
    });
    return { appVersion: APP_VERSION, createdAt, definition: this.definition, runs };
  }

  /** Shows a saved sweep: its runs, figures and sessions (nothing trains until Extend). */
  load(file: SweepFile, base: ExperimentConfig): void {
    this.cancel();
    this.proposal = null;
    this.definition = file.definition;
    const first = file.runs.find((r) => r.session !== null)?.session;
    const job = first ? sessionToJob(first) : null;
    this.base = job?.config ?? base;
    this.user = job?.sources ?? {};
    this.paused = false;
    this.error = null;
    this.spectrum = null;
    this.runs = file.runs.map((run) => {
      const config = run.session?.config ?? base;
      const r = new SweepRunState(run.index, run.values, config);
      r.phase = run.status;
      r.message = run.message;
      r.session = run.session;
      r.history = run.session?.history ?? [];
      r.epoch = run.session?.status.epoch ?? 0;
      r.epochs = config.train.epochs;
      r.figures = run.diagnostics;
      const state = run.session?.state;
      if (state) r.trained = { config, state, history: run.session!.history };
      return r;
    });
    this.epochs = Math.max(0, ...this.runs.map((r) => r.epochs));
    void this.probeSpectrum(this.base);
  }

  /** The data's spectrum (for the bound and the law) from an engine that only builds the dataset. */
  private async probeSpectrum(config: ExperimentConfig): Promise<void> {
    const sources = await sourcesFor(config, this.user).catch(() => undefined);
    const host = this.makeHost();
    const offs = [
      host.onEngineStart(() => host.send(command({ type: 'configure', config, sources }))),
      host.onEvent((e) => {
        if (e.type === 'dataset' || (e.type === 'status' && e.state === 'error')) {
          if (e.type === 'dataset') this.spectrum ??= e.dataset.spectrum;
          for (const off of offs) off();
          host.dispose();
        }
      }),
    ];
    host.connect();
  }

  dispose(): void {
    this.cancel();
  }
}
