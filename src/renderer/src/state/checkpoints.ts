/**
 * Keeps the newest checkpoint of the current job, so a restarted engine can continue from it.
 * While training runs it asks for one every CHECKPOINT_INTERVAL_MS (a 2-64-2 model is a few
 * kB; 784-256-2 with Adam about 5 MB, so not much more often than this).
 */
import type { ExperimentConfig } from '../../../shared/config';
import type { EpochMetrics, TrainerStateData } from '../../../shared/protocol';

export const CHECKPOINT_INTERVAL_MS = 2000;

export interface Checkpoint {
  config: ExperimentConfig;
  state: TrainerStateData;
  history: EpochMetrics[];
}

export class CheckpointKeeper {
  latest: Checkpoint | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Answers to requests with a smaller id belong to an older job. */
  private validFrom = 0;

  /** `request(id)` sends getCheckpoint with that id; `nextId()` hands out command ids. */
  constructor(
    private readonly request: (id: number) => void,
    private readonly nextId: () => number,
  ) {}

  /** Ask for checkpoints while `running`; one more when it stops, so a pause is captured exactly. */
  follow(running: boolean): void {
    if (running && this.timer === null) {
      this.timer = setInterval(() => this.request(this.nextId()), CHECKPOINT_INTERVAL_MS);
    } else if (!running && this.timer !== null) {
      this.stop();
      this.request(this.nextId());
    }
  }

  /** Store an answer unless it belongs to a job that was replaced since it was asked for. */
  receive(id: number | undefined, checkpoint: Checkpoint): void {
    if (id !== undefined && id >= this.validFrom) this.latest = checkpoint;
  }

  /** A new job (configure, reset): older checkpoints, and answers still on their way, no longer apply. */
  forget(): void {
    this.latest = null;
    this.validFrom = this.nextId();
  }

  /** Stop asking (the engine is gone or the page closes). */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
