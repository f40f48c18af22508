/** One run of a sweep as the page shows it: its values, progress, history, final figures and weights. */
import type { ExperimentConfig } from '../../../shared/config';
import type { DatasetInfo, EpochMetrics, Snapshot, TrainerState } from '../../../shared/protocol';
import type { Session } from '../../../shared/session';
import type { SweepPoint } from '../../../shared/sweep';
import type { RunDiagnostics } from '../../../shared/sweep-file';

/** queued: waits for a free engine; cancelled: the sweep was cancelled before it finished. */
export type RunPhase = 'queued' | 'running' | 'paused' | 'done' | 'diverged' | 'failed' | 'cancelled';

/** The final figures of a run, as the sweep file keeps them (with standard errors and −log p(x)). */
export type RunFigures = RunDiagnostics;

/** What a run's engine left: enough to save it as a session and to continue training it. */
export interface Trained {
  config: ExperimentConfig;
  state: TrainerState;
  history: EpochMetrics[];
}

export class SweepRunState {
  phase = $state<RunPhase>('queued');
  epoch = $state(0);
  epochs = $state(0);
  history = $state.raw<EpochMetrics[]>([]);
  figures = $state.raw<RunFigures | null>(null);
  message = $state<string | null>(null);
  /** The newest encoder means `[rows × latent]` and the rows' classes, for the thumbnail. */
  means = $state.raw<{ values: Float32Array; latent: number } | null>(null);
  labels = $state.raw<Int32Array | null>(null);
  trained = $state.raw<Trained | null>(null);
  /** The run's dataset as the engine built it, without its display rows (a session needs n, dim, table). */
  dataset = $state.raw<DatasetInfo | null>(null);
  snapshot = $state.raw<Snapshot | null>(null);
  /** The run's session as a reopened sweep file keeps it (runs trained here build theirs when asked). */
  session = $state.raw<Session | null>(null);
  finished = $derived(this.phase === 'done' || this.phase === 'diverged' || this.phase === 'failed');

  constructor(
    readonly index: number,
    readonly values: SweepPoint['values'],
    readonly config: ExperimentConfig,
  ) {}
}
