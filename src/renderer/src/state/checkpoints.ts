/**
 * Keeps the newest checkpoint of the current job, so a restarted engine can continue from it.
 * While training runs it asks for one every CHECKPOINT_INTERVAL_MS (a 2-64-2 model is a few
 * kB; 784-256-2 with Adam about 5 MB, so not much more often than this). Those periodic ones
 * are asked for as `tail`s: only the epochs the page has not shown come back (the page joins
 * its own history), so they do not grow with the run; a checkpoint asked for `now()` is whole.
 */
import type { ExperimentConfig } from '../../../shared/config';
import type { EpochMetrics, TrainerState } from '../../../shared/protocol';

export const CHECKPOINT_INTERVAL_MS = 2000;

export interface Checkpoint {
  config: ExperimentConfig;
  state: TrainerState;
  history: EpochMetrics[];
}

export class CheckpointKeeper {
  latest: Checkpoint | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Answers to requests with a smaller id belong to an older job. */
  private validFrom = 0;
  /** Callers of `now()` waiting for the answer with their id. */
  private readonly waiting = new Map<number, (checkpoint: Checkpoint | null) => void>();

  /** `request(id, tail)` sends getCheckpoint with that id (a tail: see above); `nextId()` hands out command ids. */
  constructor(
    private readonly request: (id: number, tail: boolean) => void,
    private readonly nextId: () => number,
  ) {}

  /** Ask for checkpoints while `running`; one more when it stops, so a pause is captured exactly. */
  follow(running: boolean): void {
    if (running && this.timer === null) {
      this.timer = setInterval(() => this.request(this.nextId(), true), CHECKPOINT_INTERVAL_MS);
    } else if (!running && this.timer !== null) {
      this.stop();
      this.request(this.nextId(), true);
    }
  }

  /** Store an answer unless it belongs to a job that was replaced since it was asked for. */
  receive(id: number | undefined, checkpoint: Checkpoint): void {
    if (id !== undefined && id >= this.validFrom) this.latest = checkpoint;
    const waiter = id === undefined ? undefined : this.waiting.get(id);
    if (waiter !== undefined) {
      this.waiting.delete(id!);
      waiter(id! >= this.validFrom ? checkpoint : null);
    }
  }

  /** Ask for a checkpoint now (e.g. to save a session); null when the job is replaced before it comes. */
  now(): Promise<Checkpoint | null> {
    const id = this.nextId();
    const answer = new Promise<Checkpoint | null>((resolve) => this.waiting.set(id, resolve));
    this.request(id, false);
    return answer;
  }

  /** A new job (configure, reset): older checkpoints, and answers still on their way, no longer apply. */
  forget(): void {
    this.latest = null;
    this.validFrom = this.nextId();
    for (const waiter of this.waiting.values()) waiter(null);
    this.waiting.clear();
  }

  /** Stop asking (the engine is gone or the page closes). */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
