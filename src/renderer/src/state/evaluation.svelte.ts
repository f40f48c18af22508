/**
 * Whole-dataset diagnostics and the true posterior of one point, asked of the engine host (never
 * computed on the UI thread): on demand, every N epochs (a view preference kept in this browser's
 * or app's local storage), and the posterior again as training moves on.
 */
import {
  command,
  POSTERIOR_SIZE_LIMIT,
  type Diagnostics,
  type EngineCommand,
  type EngineEvent,
  type EvaluateSplit,
  type TruePosterior,
} from '../../../shared/protocol';
import { addEvaluated, evaluatedPoint, type EvaluatedPoint } from './rate-points';

/** Importance samples of the panel's −L_k… */
export const PANEL_IWAE_K = 50;
/**
 * …on data of at most this many values (rows × dimensions); beyond (MNIST) the bound would hold
 * the engine for minutes, and the CLI's `eval --iwae K` is the place for it.
 */
export const PANEL_IWAE_MAX_VALUES = 2_000_000;
/** Every this many epochs by default (0 = only on demand)… */
export const EVAL_EVERY_DEFAULT = 100;
/**
 * …but automatic evaluations take at most this share of the time: after one that took t ms, the
 * next waits (1/share − 1)·t. On the lecture run an evaluation costs about as much as 300 epochs
 * at the fastest speed, and back to back they left training a fifth of the engine.
 */
export const AUTO_EVAL_SHARE = 0.25;
export const EVAL_EVERY_LIMIT = { min: 0, max: 10000 } as const;
const EVAL_EVERY_KEY = 'vae-lab.diagnostics.every';

function storedEvery(): number {
  try {
    const raw = globalThis.localStorage?.getItem(EVAL_EVERY_KEY);
    const n = raw === null || raw === undefined ? NaN : Number(raw);
    return Number.isInteger(n) && n >= EVAL_EVERY_LIMIT.min && n <= EVAL_EVERY_LIMIT.max ? n : EVAL_EVERY_DEFAULT;
  } catch {
    return EVAL_EVERY_DEFAULT;
  }
}

export class Evaluation {
  diagnostics = $state.raw<Diagnostics | null>(null);
  /** The epoch and split the diagnostics are of. */
  epoch = $state<number | null>(null);
  split = $state<EvaluateSplit>('train');
  /** The split the next evaluation uses (validation only where the dataset holds one out). */
  chosenSplit = $state<EvaluateSplit>('train');
  /** An evaluate is on its way to the engine and back. */
  busy = $state(false);
  every = $state(storedEvery());
  /** The display row whose true posterior is shown, and that posterior (null until it arrives). */
  row = $state<number | null>(null);
  posterior = $state.raw<TruePosterior | null>(null);
  /** This job's evaluations of the training data, by epoch: the measured points of the rate–distortion plane. */
  trail = $state.raw<EvaluatedPoint[]>([]);
  /** The training row of `row`. */
  private index: number | null = null;
  private evalId = 0;
  private posteriorId = 0;
  private posteriorInFlight = false;
  private lastAutoEpoch = 0;
  /** When the last evaluate was sent, and the time before which no automatic one is sent. */
  private sentAt = 0;
  private autoNotBefore = -Infinity;

  /** `data`: the size of the data the engine evaluates (null before the first dataset); `now`: a clock in ms. */
  constructor(
    private readonly send: (c: EngineCommand) => void,
    private readonly nextId: () => number,
    private readonly data: () => { n: number; dim: number; validationRows: number } | null = () => null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The panel's k for −L_k (0 = not computed, for large data). */
  get iwaeK(): number {
    const d = this.data();
    return d !== null && d.n * d.dim > PANEL_IWAE_MAX_VALUES ? 0 : PANEL_IWAE_K;
  }

  setEvery(n: number): void {
    if (!Number.isInteger(n) || n < EVAL_EVERY_LIMIT.min || n > EVAL_EVERY_LIMIT.max) return;
    this.every = n;
    try {
      globalThis.localStorage?.setItem(EVAL_EVERY_KEY, String(n));
    } catch {
      // Storage may be unavailable (private windows); the choice then lasts this visit.
    }
  }

  evaluate(): void {
    if (this.busy) return;
    this.busy = true;
    this.sentAt = this.now();
    this.evalId = this.nextId();
    const split = this.chosenSplit === 'validation' && (this.data()?.validationRows ?? 0) > 0 ? 'validation' : 'train';
    this.send(command({ type: 'evaluate', iwaeK: this.iwaeK, split, id: this.evalId }));
  }

  /** Ask for the true posterior of display row `row` (training row `index`). */
  showPosterior(row: number, index: number): void {
    this.row = row;
    this.index = index;
    this.posterior = null;
    this.requestPosterior();
  }

  /** A new job: what was shown belongs to the old one. */
  clear(): void {
    this.diagnostics = null;
    this.chosenSplit = 'train';
    this.epoch = null;
    this.row = null;
    this.index = null;
    this.posterior = null;
    this.trail = [];
    this.lastAutoEpoch = 0;
    this.autoNotBefore = -Infinity;
    this.busy = false;
    this.posteriorInFlight = false;
  }

  /** Every engine event passes here; `trainedEpoch` is the newest epoch the lab knows of. */
  receive(event: EngineEvent, trainedEpoch: number): void {
    if (event.type === 'diagnostics' && event.id === this.evalId) {
      this.diagnostics = event.diagnostics;
      this.epoch = event.epoch;
      this.split = event.split;
      this.busy = false;
      const done = this.now();
      this.autoNotBefore = done + (done - this.sentAt) * (1 / AUTO_EVAL_SHARE - 1);
      if (event.split === 'train')
        this.trail = addEvaluated(this.trail, evaluatedPoint(event.epoch, event.diagnostics));
    } else if (event.type === 'posterior' && event.id === this.posteriorId) {
      this.posteriorInFlight = false;
      if (event.posterior.index === this.index) this.posterior = event.posterior;
    } else if (event.type === 'error' && (event.command === 'evaluate' || event.command === 'posterior')) {
      if (event.command === 'evaluate') this.busy = false;
      else this.posteriorInFlight = false;
    } else if (event.type === 'snapshot') {
      // Keep the shown posterior in step with the model, one request at a time.
      const p = this.posterior;
      if (this.index !== null && p !== null && p.epoch !== event.snapshot.epoch) this.requestPosterior();
    }
    if (event.type === 'metrics') {
      // Epochs started again (a reset of the same job): the points past the newest epoch are of another run.
      if (this.trail.length > 0 && this.trail.at(-1)!.epoch > trainedEpoch)
        this.trail = this.trail.filter((p) => p.epoch <= trainedEpoch);
      this.maybeAuto(trainedEpoch);
    }
  }

  private maybeAuto(epoch: number): void {
    if (epoch < this.lastAutoEpoch) this.lastAutoEpoch = 0; // reset: epochs start again
    if (this.every <= 0 || epoch < this.lastAutoEpoch + this.every) return;
    if (this.busy || this.now() < this.autoNotBefore) return;
    this.lastAutoEpoch = epoch - (epoch % this.every);
    this.evaluate();
  }

  private requestPosterior(): void {
    if (this.index === null || this.posteriorInFlight) return;
    this.posteriorInFlight = true;
    this.posteriorId = this.nextId();
    this.send(
      command({ type: 'posterior', index: this.index, size: POSTERIOR_SIZE_LIMIT.default, id: this.posteriorId }),
    );
  }
}
