import type { ExperimentConfig } from '../shared/config';
import type {
  AckEvent,
  DataSources,
  EvaluateSplit,
  LiveChange,
  RunState,
  Speed,
  TrainerState,
  EpochMetrics,
  ExportTarget,
} from '../shared/protocol';
import { POSTERIOR_SIZE_LIMIT } from '../shared/protocol';
import { evaluation, type Diagnostics } from '../engine/diagnostics';
import { advanceWork, finish, type Work } from '../engine/work';
import { dissectionTransfer } from '../engine/dissect';
import { truePosterior } from '../engine/theory/true-posterior';
import { checkpointMismatch, checkpointTransfer } from './checkpoint';
import { Job } from './job';
import { modelExportFiles } from './model-export';
import { MetricsBatcher } from './metrics-batcher';
import type { Outbox } from './outbox';
import { RunLoop } from './scheduler';
import { computeSnapshot, datasetInfo } from './snapshots';

/** Train for about this long, then yield so messages are handled between epochs. */
export const SLICE_MS = 15;
/** Snapshots while running: at least this far apart… */
export const SNAPSHOT_MIN_INTERVAL_MS = 200;
/** …and at least this many times their own cost apart, so they take ≤ 1/(1+5) of the time. */
const SNAPSHOT_COST_FACTOR = 5;

/** An evaluation under way: worked on in slices, answered when it ends. */
interface PendingEvaluation {
  work: Work<Diagnostics>;
  id: number | undefined;
  epoch: number;
  split: EvaluateSplit;
}

/** Thrown by a command that cannot run in the current state; becomes an `error` event. */
export class CommandRefused extends Error {}

/**
 * The engine's state machine: one job, its run state, the throttles. Commands arrive through
 * the methods below (commands.ts dispatches them); training runs in slices on a RunLoop.
 */
export class EngineController {
  private job: Job | null = null;
  private state: RunState = 'idle';
  private message: string | undefined;
  private speed: Speed = 'max';
  private nextEpochAt = 0;
  private nextSnapshotAt = 0;
  /** Flow control of periodic snapshots: on once the client acks one. */
  private snapshotAcks = false;
  private snapshotInFlight = false;
  /** The last status sent, as JSON, so an unchanged one is not sent again. */
  private lastStatus = '';
  /**
   * The evaluation being computed, a slice at a time between messages (it can take a second or
   * more, and Pause or a slider must not wait for it). Training waits until it ends, and a command
   * that changes the weights or the job finishes it first: its figures are of the epoch it was asked at.
   */
  private pendingEvaluation: PendingEvaluation | null = null;
  private readonly batcher: MetricsBatcher;
  private readonly loop = new RunLoop(() => this.slice());

  constructor(
    private readonly out: Outbox,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.batcher = new MetricsBatcher((metrics) => this.out.send({ type: 'metrics', metrics }));
  }

  configure(config: ExperimentConfig, sources?: DataSources): void {
    this.finishEvaluation();
    this.batcher.flush(this.now());
    this.job = null;
    try {
      this.job = Job.build(config, sources);
    } catch (e) {
      this.setState('error', errorText(e));
      throw e;
    }
    const { dataset, transfer } = datasetInfo(this.job);
    this.out.send({ type: 'dataset', dataset }, transfer);
    this.setState('idle');
    this.sendSnapshot();
  }

  start(): void {
    const job = this.requireJob();
    if (this.state === 'running') return this.sendStatus();
    if (this.state === 'diverged')
      throw new CommandRefused(
        `training diverged at epoch ${job.trainer.divergence?.epoch}; reset or configure to continue`,
      );
    if (job.trainer.done)
      throw new CommandRefused(
        `training is done (${job.trainer.epoch} of ${job.trainer.live.epochs} epochs); raise epochs or reset`,
      );
    this.nextEpochAt = this.now();
    this.setState('running');
    this.loop.wake();
  }

  pause(): void {
    if (this.state !== 'running') return this.sendStatus();
    this.batcher.flush(this.now());
    this.setState('paused');
    this.sendSnapshot();
  }

  step(): void {
    const job = this.requireSteppable();
    this.finishEvaluation();
    this.batcher.flush(this.now());
    const trained = this.trainEpoch(job);
    this.batcher.flush(this.now());
    if (trained) this.setState(job.trainer.done ? 'done' : 'paused');
    this.sendSnapshot();
  }

  /**
   * One minibatch step, the very step training takes, then paused: answered by a `dissection` of it,
   * the epoch's metrics when it ended one, a status and a snapshot.
   */
  dissect(id?: number): void {
    const job = this.requireSteppable();
    this.finishEvaluation();
    this.batcher.flush(this.now());
    const taken = job.trainer.dissectStep();
    if (taken === null) {
      this.setState('diverged', job.trainer.divergence?.reason);
      return this.sendSnapshot();
    }
    if (taken.metrics) {
      job.history.push(taken.metrics);
      this.batcher.add(taken.metrics);
      this.batcher.flush(this.now());
    }
    this.setState(job.trainer.done ? 'done' : 'paused');
    const { dissection } = taken;
    this.out.send(
      { type: 'dissection', ...(id === undefined ? {} : { id }), dissection },
      dissectionTransfer(dissection),
    );
    this.sendSnapshot();
  }

  reset(): void {
    const job = this.requireJob();
    this.finishEvaluation();
    this.batcher.flush(this.now());
    job.reset();
    this.setState('idle');
    this.sendSnapshot();
  }

  setLive(change: LiveChange): void {
    const { speed, ...live } = change;
    if (speed !== undefined) this.speed = speed;
    if (Object.keys(live).length > 0) {
      const job = this.requireJob();
      job.trainer.setLive(live);
      if (this.state === 'done' && !job.trainer.done) this.state = 'paused';
      else if ((this.state === 'paused' || this.state === 'idle') && job.trainer.done && job.trainer.epoch > 0)
        this.state = 'done';
    }
    this.sendStatus();
  }

  snapshot(id?: number, recon?: number[]): void {
    const job = this.requireJob();
    if (recon !== undefined) {
      const bad = recon.find((r) => r >= job.data.train.n);
      if (bad !== undefined)
        throw new CommandRefused(`recon: row ${bad} is not a training row (there are ${job.data.train.n})`);
      job.reconstruct(recon);
    }
    this.sendSnapshot(id);
  }

  evaluate(iwaeK: number, split: EvaluateSplit = 'train', id?: number): void {
    const job = this.requireJob();
    const data = split === 'train' ? job.data.train : job.data.validation;
    if (data.n === 0) throw new CommandRefused('the validation split is empty (dataset.validation is 0)');
    const { trainer, config } = job;
    // One at a time, in the order asked.
    this.finishEvaluation();
    const work = evaluation(trainer.vae, data, {
      sigma2: trainer.live.sigma2,
      varianceFloor: config.train.varianceFloor,
      seed: config.train.seed,
      iwaeK,
    });
    this.pendingEvaluation = { work, id, epoch: trainer.epoch, split };
    this.loop.wake();
  }

  /** Runs the pending evaluation to its end now (before anything that changes the weights). */
  private finishEvaluation(): void {
    const pending = this.pendingEvaluation;
    if (pending !== null) this.workOn(pending, (work) => ({ done: true, value: finish(work) }));
  }

  /**
   * Works on `pending` with `run`; when it ends, its figures go out as the answer to its evaluate
   * (or, if it failed, an error for that evaluate: the command that ran it is not to blame).
   */
  private workOn(
    pending: PendingEvaluation,
    run: (work: Work<Diagnostics>) => { done: true; value: Diagnostics } | { done: false },
  ): void {
    let result: ReturnType<typeof run>;
    try {
      result = run(pending.work);
    } catch (e) {
      this.pendingEvaluation = null;
      return this.out.error('evaluate', errorText(e), pending.id);
    }
    if (!result.done) return;
    this.pendingEvaluation = null;
    const { id, epoch, split } = pending;
    this.out.send({ type: 'diagnostics', id, epoch, split, diagnostics: result.value });
  }

  /** The true posterior of training row `index` (latent size ≤ 2), as a `posterior` event. */
  posterior(index: number, size: number = POSTERIOR_SIZE_LIMIT.default, id?: number): void {
    const job = this.requireJob();
    const { trainer, config, data } = job;
    const k = trainer.vae.k;
    if (k > 2)
      throw new CommandRefused(`the true posterior is computed for latent size 1 or 2 only (this model has ${k})`);
    if (index >= data.train.n)
      throw new CommandRefused(`index: row ${index} is not a training row (there are ${data.train.n})`);
    const dim = data.train.dim;
    const x = data.train.x.slice(index * dim, (index + 1) * dim);
    const opts = { sigma2: trainer.live.sigma2, varianceFloor: config.train.varianceFloor };
    const posterior = truePosterior(trainer.vae, x, index, trainer.epoch, size, opts);
    this.out.send({ type: 'posterior', ...(id === undefined ? {} : { id }), posterior }, [
      posterior.density.buffer as ArrayBuffer,
    ]);
  }

  /** A checkpoint; with `historyFrom`, only the history after that epoch (see the protocol). */
  getCheckpoint(id?: number, historyFrom?: number): void {
    const job = this.requireJob();
    // A tail goes to a client that keeps its own history: it gets the metrics held in the batch
    // first, so it has shown every epoch of the checkpoint ("continues from epoch N" is never past
    // its counter). A whole checkpoint leaves flow control as it is.
    if (historyFrom !== undefined) this.batcher.flush(this.now());
    const state = job.trainer.getState();
    const history = historyFrom === undefined ? job.history.slice() : job.history.filter((m) => m.epoch > historyFrom);
    this.out.send(
      {
        type: 'checkpoint',
        id,
        config: job.config,
        state,
        history,
        ...(historyFrom === undefined ? {} : { historyFrom }),
      },
      checkpointTransfer(state),
    );
  }

  /** The files of a model export of the weights in force (see the protocol's exportModel). */
  exportModel(target: ExportTarget, name: string, sessionText: string, id?: number): void {
    const files = modelExportFiles(this.requireJob().trainer, target, name, sessionText);
    this.out.send(
      { type: 'exportFiles', ...(id === undefined ? {} : { id }), target, files },
      files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  }

  loadCheckpoint(state: TrainerState, history: EpochMetrics[]): void {
    const job = this.requireJob();
    const mismatch = checkpointMismatch(job.trainer, state);
    if (mismatch) throw new CommandRefused(`the checkpoint does not fit the configured model: ${mismatch}`);
    this.finishEvaluation();
    this.batcher.flush(this.now());
    job.trainer.setState(state);
    job.history = history.slice();
    this.setState(job.trainer.epoch === 0 ? 'idle' : job.trainer.done ? 'done' : 'paused');
    this.sendSnapshot();
  }

  /** The client has shown the last event of this kind (flow control, see the protocol's `ack`). */
  ack(event: AckEvent): void {
    if (event === 'metrics') return this.batcher.ack(this.now());
    this.snapshotAcks = true;
    this.snapshotInFlight = false;
  }

  /** The status message that says where things stand; sent on every change. */
  /**
   * The status message that says where things stand; sent when it carries news (state, epoch,
   * live settings, divergence or message differ from the last one sent), never as a bare echo.
   */
  sendStatus(): void {
    const trainer = this.job?.trainer;
    const status = {
      type: 'status' as const,
      state: this.state,
      epoch: trainer?.epoch ?? 0,
      epochs: trainer?.live.epochs ?? 0,
      live: trainer ? { ...trainer.live, speed: this.speed } : null,
      ...(trainer?.divergence ? { divergence: { ...trainer.divergence } } : {}),
      ...(this.message !== undefined ? { message: this.message } : {}),
    };
    const said = JSON.stringify(status);
    if (said === this.lastStatus) return;
    this.lastStatus = said;
    this.out.send(status);
  }

  private setState(state: RunState, message?: string): void {
    this.state = state;
    this.message = message;
    this.sendStatus();
  }

  /** The job, when it can take another step (not diverged, not done). */
  private requireSteppable(): Job {
    const job = this.requireJob();
    if (this.state === 'diverged') throw new CommandRefused('training diverged; reset or configure to continue');
    if (job.trainer.done)
      throw new CommandRefused(
        `training is done (${job.trainer.epoch} of ${job.trainer.live.epochs} epochs); raise epochs or reset`,
      );
    return job;
  }

  private requireJob(): Job {
    if (!this.job)
      throw new CommandRefused(
        this.state === 'error'
          ? `the last configure failed: ${this.message}`
          : 'no experiment is configured; send configure first',
      );
    return this.job;
  }

  private sendSnapshot(id?: number): void {
    if (!this.job) return;
    const { snapshot, transfer } = computeSnapshot(this.job, this.now);
    const end = this.now();
    this.nextSnapshotAt = end + Math.max(SNAPSHOT_MIN_INTERVAL_MS, SNAPSHOT_COST_FACTOR * snapshot.ms);
    this.snapshotInFlight = true;
    this.out.send({ type: 'snapshot', ...(id === undefined ? {} : { id }), snapshot }, transfer);
  }

  /**
   * Trains to the end of the current epoch, or until `shouldYield` (asked between minibatch
   * steps, so messages wait for at most one step): metrics into the batch, or the diverged state.
   */
  private trainEpoch(job: Job, shouldYield: () => boolean = () => false): boolean {
    const result = job.trainer.advance(shouldYield);
    if (result.kind === 'diverged') {
      this.batcher.flush(this.now());
      this.setState('diverged', job.trainer.divergence?.reason);
      return false;
    }
    if (result.kind === 'epoch') {
      job.history.push(result.metrics);
      this.batcher.add(result.metrics);
    }
    return true;
  }

  /**
   * Evaluates or trains for up to SLICE_MS; returns the delay until the next slice, or null to stop.
   * A pending evaluation goes first: training would change the weights it is evaluating.
   */
  private slice(): number | null {
    const pending = this.pendingEvaluation;
    if (pending !== null) {
      const start = this.now();
      this.workOn(pending, (work) => advanceWork(work, () => this.now() - start >= SLICE_MS));
      return 0;
    }
    const job = this.job;
    if (!job || this.state !== 'running') return null;
    try {
      return this.trainSlice(job);
    } catch (e) {
      this.batcher.flush(this.now());
      this.setState('error', `training failed: ${errorText(e)}`);
      this.out.error(null, `training failed: ${errorText(e)}`);
      return null;
    }
  }

  private trainSlice(job: Job): number | null {
    const start = this.now();
    const interval = this.speed === 'max' ? 0 : 1000 / this.speed;
    let wait = 0;
    while (this.now() - start < SLICE_MS) {
      if (job.trainer.done) return this.finish();
      const now = this.now();
      if (now < this.nextEpochAt) {
        wait = this.nextEpochAt - now;
        break;
      }
      if (!job.trainer.midEpoch) this.nextEpochAt = Math.max(this.nextEpochAt + interval, now);
      if (!this.trainEpoch(job, () => this.now() - start >= SLICE_MS)) return null;
    }
    if (job.trainer.done) return this.finish();
    const now = this.now();
    if (wait > 0) this.batcher.flushBeforeWait(now, wait);
    else this.batcher.flushIfDue(now);
    if (now >= this.nextSnapshotAt && !(this.snapshotAcks && this.snapshotInFlight)) this.sendSnapshot();
    return wait;
  }

  private finish(): null {
    this.batcher.flush(this.now());
    this.setState('done');
    this.sendSnapshot();
    return null;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
