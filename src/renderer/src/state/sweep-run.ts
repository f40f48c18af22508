/**
 * One run of a sweep on its own engine host: configure, (continue from a checkpoint,) train to the
 * target, then the whole-dataset diagnostics, a last snapshot and a checkpoint (the weights, so
 * the run reopens as a session), then the host goes. A diverged run keeps its last finite weights;
 * a refused configure or an engine that stops marks the run failed. Plain class, no runes.
 */
import type { ExperimentConfig } from '../../../shared/config';
import {
  command,
  type DataSources,
  type DatasetInfo,
  type Diagnostics,
  type EpochMetrics,
  type RunState,
  type Snapshot,
  type TrainerState,
} from '../../../shared/protocol';
import type { Host, Unsubscribe } from '../hosts/host';
import { PANEL_IWAE_K, PANEL_IWAE_MAX_VALUES } from './evaluation.svelte';

/**
 * k of the final −L_k: none where the exact −log p(x) comes by quadrature (latent size ≤ 2), the
 * Diagnostics panel's k otherwise, except on data too large for it (MNIST), as in the panel.
 */
export function sweepIwaeK(latent: number, data: { n: number; dim: number } | null): number {
  if (latent <= 2) return 0;
  return data !== null && data.n * data.dim > PANEL_IWAE_MAX_VALUES ? 0 : PANEL_IWAE_K;
}

export interface RunJob {
  config: ExperimentConfig;
  sources: DataSources | undefined;
  /** Continue from here (an extended run); null: from epoch 0. */
  restore: { state: TrainerState; history: EpochMetrics[] } | null;
  epochs: number;
}

export interface RunEnd {
  phase: 'done' | 'diverged' | 'failed';
  message: string | null;
  diagnostics: Diagnostics | null;
  state: TrainerState | null;
  /** The job's configuration with the live settings in force, as the engine reports it. */
  config: ExperimentConfig | null;
  history: EpochMetrics[] | null;
}

export interface RunListener {
  status(state: RunState, epoch: number, epochs: number): void;
  metrics(m: EpochMetrics[]): void;
  dataset(d: DatasetInfo): void;
  snapshot(s: Snapshot): void;
  finished(end: RunEnd): void;
}

type Stage = 'starting' | 'training' | 'evaluating' | 'saving' | 'over';

export class RunDriver {
  private stage: Stage = 'starting';
  private paused = false;
  /** The engine has run this job: a done status before that (a loaded checkpoint) is not the end. */
  private ran = false;
  private outcome: 'done' | 'diverged' = 'done';
  private message: string | null = null;
  private diagnostics: Diagnostics | null = null;
  private data: { n: number; dim: number } | null = null;
  private readonly off: Unsubscribe[] = [];

  constructor(
    private readonly host: Host,
    private readonly job: RunJob,
    private readonly listener: RunListener,
  ) {}

  start(): void {
    const h = this.host;
    this.off.push(
      h.onEngineStart(() => this.configure()),
      h.onEngineStop((stop) => this.fail(`its engine stopped (${stop.reason})`)),
      h.onProtocolError((m) => this.fail(`its engine sent a bad message: ${m}`)),
      h.onEvent((e) => {
        if (this.stage === 'over') return;
        switch (e.type) {
          case 'status':
            this.listener.status(e.state, e.epoch, e.epochs);
            if (e.state === 'running') this.ran = true;
            if (e.state === 'error') this.fail(e.message ?? 'its experiment could not be built');
            else if (this.stage === 'training' && this.ran && (e.state === 'done' || e.state === 'diverged')) {
              this.outcome = e.state;
              if (e.divergence) this.message = `diverged at epoch ${e.divergence.epoch}: ${e.divergence.reason}`;
              this.stage = 'evaluating';
              h.send(command({ type: 'snapshot' }));
              h.send(command({ type: 'evaluate', iwaeK: sweepIwaeK(this.job.config.model.latent, this.data) }));
            }
            break;
          case 'metrics':
            this.listener.metrics(e.metrics);
            break;
          case 'dataset':
            this.data = { n: e.dataset.n, dim: e.dataset.dim };
            this.listener.dataset(e.dataset);
            break;
          case 'snapshot':
            this.listener.snapshot(e.snapshot);
            break;
          case 'diagnostics':
            if (this.stage !== 'evaluating') break;
            this.diagnostics = e.diagnostics;
            this.checkpoint();
            break;
          case 'checkpoint':
            if (this.stage === 'saving') this.finish({ state: e.state, config: e.config, history: e.history });
            break;
          case 'error':
            if (e.command === 'configure' || e.command === 'loadCheckpoint' || e.command === 'start')
              this.fail(e.message);
            else if (e.command === 'evaluate' && this.stage === 'evaluating') this.checkpoint();
            break;
          default:
            break;
        }
      }),
    );
    h.connect();
  }

  pause(): void {
    this.paused = true;
    if (this.stage === 'training') this.host.send(command({ type: 'pause' }));
  }

  resume(): void {
    this.paused = false;
    if (this.stage === 'training') this.host.send(command({ type: 'resume' }));
  }

  /** A new target while training (extend). */
  setEpochs(epochs: number): void {
    this.job.epochs = epochs;
    if (this.stage === 'training') this.host.send(command({ type: 'setLive', live: { epochs } }));
  }

  /** Cancel: the engine goes, nothing more is reported. */
  stop(): void {
    this.stage = 'over';
    this.close();
  }

  private configure(): void {
    if (this.stage !== 'starting') return this.fail('its engine restarted');
    const h = this.host;
    this.stage = 'training';
    h.send(command({ type: 'configure', config: this.job.config, sources: this.job.sources }));
    const r = this.job.restore;
    if (r) h.send(command({ type: 'loadCheckpoint', state: r.state, history: r.history }));
    h.send(command({ type: 'setLive', live: { epochs: this.job.epochs } }));
    if (!this.paused) h.send(command({ type: 'start' }));
  }

  private checkpoint(): void {
    this.stage = 'saving';
    this.host.send(command({ type: 'getCheckpoint' }));
  }

  private finish(saved: { state: TrainerState; config: ExperimentConfig; history: EpochMetrics[] }): void {
    this.stage = 'over';
    this.close();
    this.listener.finished({ phase: this.outcome, message: this.message, diagnostics: this.diagnostics, ...saved });
  }

  private fail(message: string): void {
    if (this.stage === 'over') return;
    this.stage = 'over';
    this.close();
    this.listener.finished({ phase: 'failed', message, diagnostics: null, state: null, config: null, history: null });
  }

  private close(): void {
    for (const off of this.off.splice(0)) off();
    this.host.dispose();
  }
}
