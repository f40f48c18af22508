/**
 * The typed message protocol between a UI (or CLI) and the engine host.
 * Every message carries `v: PROTOCOL_VERSION` and a `type`; both unions are discriminated on `type`.
 * Receivers validate with protocol-validate.ts. Large arrays are typed arrays whose buffers
 * travel as transferables.
 *
 * The engine's result types (EpochMetrics, Divergence, Diagnostics, TrainerState) are defined
 * here, once: the engine imports them (it may import shared), the protocol and sessions carry them.
 */
import type { ExperimentConfig, LiveParams, Optimizer } from './config';
import type { DataTable } from './data-table';
import type { KernelChoice, KernelReport } from './kernels';

export type { DataTable } from './data-table';

export const PROTOCOL_VERSION = 1;
export type ProtocolVersion = typeof PROTOCOL_VERSION;

/** Training speed: at most this many epochs per second, or as fast as possible. */
export type Speed = number | 'max';
export const SPEED_LIMIT = { min: 0.1, max: 10000 } as const;

/** Live settings plus the throttle: every key optional, applied from the next epoch on. */
export type LiveChange = Partial<LiveParams> & { speed?: Speed };

/** What the host reports as in force: the trainer's live settings and the throttle. */
export type LiveState = LiveParams & { speed: Speed };

export interface LabelledPoint {
  x: number;
  y: number;
  /** Small class number; -1 = unlabelled. */
  label: number;
}

/** A hand-drawn dataset has at least this many points (fewer cannot be trained on) and at most MAX_POINTS. */
export const MIN_POINTS = 2;
export const MAX_POINTS = 100_000;
/** Labels are small class numbers; -1 marks an unlabelled point. */
export const MAX_POINT_LABEL = 255;

/** Inputs of datasets the engine cannot generate (it does no I/O). */
export interface DataSources {
  /** Bytes of resources/mnist-digits.bin. */
  mnistBytes?: ArrayBuffer;
  csvText?: string;
  points?: LabelledPoint[];
  /** A CSV table parsed already (e.g. kept in a saved session), used instead of csvText. */
  table?: DataTable;
}

/** One epoch's figures: means over its minibatches, in nats per example (engine/trainer.ts). */
export interface EpochMetrics {
  epoch: number;
  /** The minimised objective: recon + β·KL (with free bits, β·Σ max(λ, KL_j)). */
  loss: number;
  /** −log p(x|z) without the likelihood's constant (the lecture's convention). */
  recon: number;
  /** The constant left out of recon, per example (½·D·ln 2πσ² for the fixed Gaussian). */
  reconConstant: number;
  kl: number;
  /** The β in force at the epoch's last step (after warm-up). */
  beta: number;
  betaKl: number;
  klPerDim: number[];
  /** Dimensions whose μ varied by more than 0.01 over this epoch's examples. */
  activeUnits: number;
  steps: number;
  /** Time spent training the epoch. */
  ms: number;
}

export interface Divergence {
  /** The epoch that failed (1-based); the weights are those at the end of the epoch before, or earlier. */
  epoch: number;
  step: number;
  reason: string;
}

/** Whole-dataset figures, in nats per example (engine/diagnostics.ts). */
export interface Diagnostics {
  examples: number;
  /** −ELBO = distortion + rate, with the likelihood's constant: a true bound on −log p(x). */
  negElbo: number;
  /** E_q[−log p(x|z)] without the constant (the lecture's convention). */
  recon: number;
  reconConstant: number;
  kl: number;
  klPerDim: number[];
  /** Variance over the data of each encoder mean. */
  muVariance: number[];
  activeUnits: number;
  /** I(x;z) under q(x,z) = p_data(x)·q(z|x), estimated on up to `miExamples` examples. */
  mutualInfo: number;
  /** Rate and distortion (Alemi et al. 2018): KL and the full reconstruction NLL. */
  rate: number;
  distortion: number;
  /** The importance-weighted bound −L_k (Burda et al. 2016), when k > 0 was asked for; `se` is its standard error. */
  iwae: { k: number; negBound: number; se: number } | null;
  /**
   * Standard errors of the Monte-Carlo figures above (over examples and draws of z), in nats per
   * example. `reconSamples` draws of z per example were used for recon and −ELBO.
   */
  se: { negElbo: number; recon: number; mutualInfo: number };
  reconSamples: number;
  /** Exact figures by quadrature on a latent grid, for latent size 1 or 2; null otherwise. */
  exact: ExactLikelihood | null;
}

/**
 * log p(x) = log ∫ p(x|z) p(z) dz by quadrature (engine/theory), for latent size ≤ 2. The ELBO on
 * the same grid is exact too, so gap = −ELBO − (−log p(x)) = E_x KL(q(z|x) ‖ p(z|x)) ≥ 0.
 */
export interface ExactLikelihood {
  /**
   * Grid points per latent axis of each refined grid around an example's posterior (and of the grid
   * over its q); a coarse pass over the prior comes first (engine/theory/exact-example.ts).
   */
  grid: number;
  /** Examples covered; fewer than Diagnostics.examples means a random subset, whose sampling error is in `se`. */
  examples: number;
  /** Mean −log p(x), nats per example, with the likelihood's constant. */
  negLogPx: number;
  /** Mean −ELBO by quadrature over the same examples. */
  negElbo: number;
  /** Mean KL(q(z|x) ‖ p(z|x)) = negElbo − negLogPx. */
  gap: number;
  /** Standard errors of the subset means (0 when every example was covered). */
  se: { negLogPx: number; gap: number };
}

/** The true posterior of one training example on a latent grid (latent size 1 or 2). */
export interface TruePosterior {
  /** The training row (an index as in DatasetInfo.indices). */
  index: number;
  epoch: number;
  latent: number;
  /** Grid points per latent axis. */
  size: number;
  /** The grid's range on each latent axis: cell centres run from lo[j] to hi[j]. */
  lo: number[];
  hi: number[];
  /**
   * p(z|x) on the grid, normalised to integrate to 1, `[size^K]`; for K = 2, row r, column c is
   * z = (z1 at column c, z2 at row r), both ascending.
   */
  density: Float32Array;
  mean: number[];
  /** Covariance, `[K × K]` row-major. */
  cov: number[];
  /** The encoder's q(z|x). */
  q: { mean: number[]; logvar: number[] };
  /** KL(q(z|x) ‖ p(z|x)) for this example, nats. */
  kl: number;
  logPx: number;
  elbo: number;
}

/**
 * The training data's covariance spectrum (as the model sees it, after standardisation) and, where
 * the generating distribution is known, its differential entropy H (the Gaussian dataset:
 * ½ ln((2πe)^d |Σ|), moved by the standardisation's scales).
 */
export interface DataSpectrum {
  /** Eigenvalues of the training data's covariance, descending; null when dim is too large to decompose. */
  eigenvalues: number[] | null;
  /** Nats per example; null when not known. */
  entropy: number | null;
  /**
   * Where `entropy` is known: the entropy of the Gaussian fitted to the training examples (maximum
   * likelihood, ½ Σ ln(2πe λᵢ) over the eigenvalues above). No Gaussian model, a linear VAE among them,
   * reaches a lower mean −log p(x) on these examples, so D + R ≥ −log p(x) ≥ this on the rate–distortion
   * plane; the source's H is a bound only in expectation over fresh data. Null where `entropy` is.
   */
  sampleEntropy: number | null;
}

/**
 * Everything needed to continue training exactly: the engine's getState/setState, checkpoints and
 * sessions carry it.
 */
export interface TrainerState {
  epoch: number;
  step: number;
  weights: Float32Array[];
  optimizer: { t: number; buffers: Float32Array[] };
  /** Generator state: four uint32 words and the spare normal (NaN when none). */
  rng: number[];
  order: Uint32Array;
  live: LiveParams;
  data: Float32Array | null;
  /** Sums of an epoch paused between two steps; null at an epoch boundary. */
  progress: EpochProgressState | null;
  /** The kernels the latest epochs ran on; absent in checkpoints and files from before the record. */
  kernels?: KernelChoice;
}

/** The running sums of an epoch paused between two steps. */
export interface EpochProgressState {
  step: number;
  steps: number;
  loss: number;
  recon: number;
  kl: number;
  beta: number;
  klPerDim: number[];
  muSum: number[];
  muSumSq: number[];
  ms: number;
}

/** One layer's figures in a dissected step: a layer is a weight matrix and its bias. */
export interface DissectedLayer {
  /** e.g. `encoder.0` (the first encoder layer). */
  name: string;
  /** Weights and biases in the layer. */
  size: number;
  /** ‖w‖ before the update. */
  weightNorm: number;
  /** ‖∂loss/∂w‖ before clipping. */
  gradNorm: number;
  /** ‖Δw‖ of the optimizer's update. */
  updateNorm: number;
  /** The one weight of the layer that moved most: its tensor, index, value before and after, gradient. */
  weight: { tensor: string; index: number; before: number; after: number; grad: number };
}

/**
 * One minibatch step of training taken apart (engine/dissect.ts): the intermediates of the step the
 * trainer really took, read from its buffers as it took it.
 */
export interface DissectedStep {
  /** Completed epochs and steps after this step. */
  epoch: number;
  step: number;
  /** This step's number within its epoch (1-based) and the epoch's steps. */
  stepInEpoch: number;
  stepsPerEpoch: number;
  rows: number;
  latent: number;
  dim: number;
  /** Monte-Carlo samples L of z per example. */
  samples: number;
  /** The minibatch's training rows, `[rows]`. */
  indices: Uint32Array;
  /** Encoder outputs, `[rows × K]` each. */
  mu: Float32Array;
  logvar: Float32Array;
  /** ε ~ N(0, I) and z = μ + σ·ε, `[L·rows × K]`, sample-major. */
  eps: Float32Array;
  z: Float32Array;
  /** The first `shown` rows of the batch and their decoder means at the first z, `[shown × D]` each. */
  shown: number;
  x: Float32Array;
  decoded: Float32Array;
  /** Batch means, nats per example: loss = recon + β·klObjective. */
  loss: number;
  recon: number;
  kl: number;
  /** Σ_j max(λ, KL̄_j). */
  klObjective: number;
  klPerDim: number[];
  beta: number;
  freeBits: number;
  /** The global gradient norm before clipping, the clip threshold (0 = off) and whether it clipped. */
  gradNorm: number;
  clip: number;
  clipped: boolean;
  optimizer: Optimizer;
  lr: number;
  layers: DissectedLayer[];
}

export const RUN_STATES = ['idle', 'running', 'paused', 'done', 'diverged', 'error'] as const;
/** idle: configured, epoch 0 (or not configured yet); error: the last configure failed. */
export type RunState = (typeof RUN_STATES)[number];

export const EVALUATE_SPLITS = ['train', 'validation'] as const;
export type EvaluateSplit = (typeof EVALUATE_SPLITS)[number];
export const IWAE_K_LIMIT = { min: 0, max: 5000, integer: true } as const;
/** Grid points per latent axis of a `posterior` answer. */
export const POSTERIOR_SIZE_LIMIT = { min: 16, max: 256, default: 96, integer: true } as const;
/** Streamed events a UI acknowledges once it has shown them (flow control: see the `ack` command). */
export const ACK_EVENTS = ['metrics', 'snapshot'] as const;
/** What `exportModel` writes: PyTorch (model.py, train.py, weights.safetensors…) or ONNX (encoder/decoder.onnx). */
export const EXPORT_TARGETS = ['pytorch', 'onnx'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
/** One file of a model export: its name in the export folder and its bytes. */
export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
}
export type AckEvent = (typeof ACK_EVENTS)[number];
/** The most rows a snapshot reconstructs: the rows the user picked, or by default one per class. */
export const RECON_LIMIT = 10;
/** Rows reconstructed when none were picked: one per class (up to RECON_LIMIT), topped up to this many. */
export const RECON_DEFAULT = 8;

/** Fields every message has. `id` on a command is echoed by the event that answers it. */
interface Envelope {
  v: ProtocolVersion;
}
interface CommandBase extends Envelope {
  id?: number;
}

export type EngineCommand =
  /** Build a new job (dataset, model, trainer) from scratch; status idle at epoch 0 follows. */
  | (CommandBase & { type: 'configure'; config: ExperimentConfig; sources?: DataSources })
  /** Run until done or paused (from idle or paused). */
  | (CommandBase & { type: 'start' })
  | (CommandBase & { type: 'pause' })
  /** Same as start; reads better after a pause. */
  | (CommandBase & { type: 'resume' })
  /** Train exactly one epoch, then pause (stops a running job first). */
  | (CommandBase & { type: 'step' })
  /** Re-initialise the weights with the same config; the live settings in force are kept. */
  | (CommandBase & { type: 'reset' })
  /** Train exactly one minibatch step, then pause, and answer with a `dissection` of that step. */
  | (CommandBase & { type: 'dissect' })
  | (CommandBase & { type: 'setLive'; live: LiveChange })
  /**
   * A snapshot now; `recon` (training-row indices, at most RECON_LIMIT) changes which rows are
   * reconstructed from now on.
   */
  | (CommandBase & { type: 'snapshot'; recon?: number[] })
  | (CommandBase & { type: 'evaluate'; iwaeK: number; split?: EvaluateSplit })
  /** The true posterior p(z|x) of training row `index` (latent size ≤ 2), answered by a `posterior` event. */
  | (CommandBase & { type: 'posterior'; index: number; size?: number })
  /**
   * A checkpoint; with `historyFrom`, its history holds only the epochs after that one (a client
   * that already has the earlier ones asks so, and the message does not grow with the run).
   */
  | (CommandBase & { type: 'getCheckpoint'; historyFrom?: number })
  /** Continue from a checkpoint of a job with the same config (send configure first). */
  | (CommandBase & { type: 'loadCheckpoint'; state: TrainerState; history: EpochMetrics[] })
  | (CommandBase & { type: 'ping' })
  /**
   * The files of `vae-lab export --to target` for the current job, answered by `exportFiles`;
   * `sessionText` is the session's `.vaelab` text, kept in the export for `vae-lab import`.
   */
  | (CommandBase & { type: 'exportModel'; target: ExportTarget; name: string; sessionText: string })
  /**
   * The UI has shown the last `metrics` (or `snapshot`) event. From a client's first ack on, the
   * host keeps at most one unacknowledged event of that kind in flight: metrics gather into the
   * next batch (none is dropped) and periodic snapshots wait, so a slow or busy page is never
   * flooded. Clients that never ack get every event as it comes.
   */
  | (CommandBase & { type: 'ack'; event: AckEvent });

export type EngineCommandType = EngineCommand['type'];
export const COMMAND_TYPES = [
  'configure',
  'start',
  'pause',
  'resume',
  'step',
  'reset',
  'dissect',
  'setLive',
  'snapshot',
  'evaluate',
  'posterior',
  'getCheckpoint',
  'loadCheckpoint',
  'ping',
  'ack',
  'exportModel',
] as const satisfies readonly EngineCommandType[];

/** The training rows shown in the latent map, fixed per configure. */
export interface DatasetInfo {
  /** Training examples in the job. */
  n: number;
  dim: number;
  /** Latent size K. */
  latent: number;
  validationRows: number;
  classes: number;
  columns: string[];
  classNames?: string[];
  image?: { width: number; height: number };
  /** Which training rows the display uses, `[rows]` (all when n ≤ the display cap). */
  indices: Uint32Array;
  /** Those rows, `[rows × dim]` (standardised when the spec says so, as the model sees them). */
  x: Float32Array;
  /** Their classes, `[rows]`, -1 where unknown. */
  labels: Int32Array;
  /** For CSV data: the whole parsed table before the split, so a session can embed it. */
  table?: DataTable;
  spectrum: DataSpectrum;
  /** CRC-32 (8 hex digits) of the training examples as built: a session's `data.checksum`. */
  checksum: string;
  /** The kernels this job runs on (relaxed-SIMD FMA, exact SIMD or JavaScript; threads) and why fewer threads. */
  kernels?: KernelReport;
}

/** A latent point drawn from the prior, its decoding and how close that lands to the data. */
export interface SampledPointData {
  /** z* `[K]` */
  z: number[];
  /** x* = decoder mean at z*, `[D]` */
  x: number[];
  /** Euclidean distance from x* to the nearest training example. */
  distance: number;
  /** Prior draws it took (the first within 0.18 of the data is kept, at most 300). */
  tries: number;
}

export interface Snapshot {
  epoch: number;
  latent: number;
  dim: number;
  /** Encoder means μ(x) of the display rows (DatasetInfo.indices), `[rows × K]`. */
  means: Float32Array;
  rows: number;
  /** Training examples in the job; rows < totalRows means the map shows a fixed subset. */
  totalRows: number;
  subset: boolean;
  /** Decoded prior samples, z fixed per configure. */
  prior: {
    count: number;
    /** `[count × K]`, z ~ N(0, I). */
    z: Float32Array;
    /** Decoder means, `[count × D]`. */
    mean: Float32Array;
    /** One draw from p(x|z) per z, `[count × D]` (noise seeded, the same in every snapshot). */
    sample: Float32Array;
  };
  /**
   * For K = 2: decoder means on a size×size grid, `[size² × D]`; row r, column c decodes
   * z = (axis[c], axis[r]), axis[i] = Φ⁻¹((i + ½)/size), ascending. null for K ≠ 2.
   */
  grid: { size: number; axis: Float32Array; mean: Float32Array } | null;
  /**
   * For K ≤ 2 and dim ≤ 3: the decoder's manifold, latent lines through normal quantiles decoded by
   * the decoder mean. K = 2: `lines` lines of constant z1, then `lines` of constant z2, each of
   * `points` points; K = 1: one line. `mean` is `[lineCount × points × D]`. null otherwise.
   */
  manifold: { lines: number; points: number; mean: Float32Array } | null;
  /** Reconstructions of fixed training rows: decoder mean at z = μ(x). */
  recon: { indices: Uint32Array; x: Float32Array; mean: Float32Array };
  /** Encoder log-variances log σ²(x) of the display rows, `[rows × K]` (the hover ellipse). */
  logvars?: Float32Array;
  /** The lecture's closing sample for data of dimension ≤ 3, else null (engine/sample-point.ts). */
  sampled?: SampledPointData | null;
  /** Time spent computing this snapshot. */
  ms: number;
}

export type EngineEvent =
  | (Envelope & { type: 'ready'; protocolVersion: ProtocolVersion })
  | (Envelope & {
      type: 'status';
      state: RunState;
      /** Completed epochs. */
      epoch: number;
      /** Target epochs (live). 0 when not configured. */
      epochs: number;
      live: LiveState | null;
      divergence?: Divergence;
      /** Why the state is `error`. */
      message?: string;
    })
  /** Consecutive epochs, oldest first; every epoch appears exactly once. */
  | (Envelope & { type: 'metrics'; metrics: EpochMetrics[] })
  /** Sent after every successful configure. */
  | (Envelope & { type: 'dataset'; dataset: DatasetInfo })
  | (Envelope & { type: 'snapshot'; id?: number; snapshot: Snapshot })
  | (Envelope & { type: 'diagnostics'; id?: number; epoch: number; split: EvaluateSplit; diagnostics: Diagnostics })
  | (Envelope & { type: 'posterior'; id?: number; posterior: TruePosterior })
  | (Envelope & { type: 'dissection'; id?: number; dissection: DissectedStep })
  | (Envelope & {
      type: 'checkpoint';
      id?: number;
      config: ExperimentConfig;
      state: TrainerState;
      history: EpochMetrics[];
      /** Echoes the command's: `history` starts after this epoch. */
      historyFrom?: number;
    })
  /** `command` is the offending command's type when it had a readable one, else null. */
  | (Envelope & { type: 'error'; id?: number; command: string | null; message: string })
  | (Envelope & { type: 'pong'; id?: number })
  | (Envelope & { type: 'exportFiles'; id?: number; target: ExportTarget; files: ExportedFile[] });

/** Distributes Omit over a union, so each member keeps its own fields. */
type OmitEnvelope<T> = T extends unknown ? Omit<T, 'v'> : never;

/** `{ type: 'start' }` → `{ v: PROTOCOL_VERSION, type: 'start' }`. */
export function command<C extends OmitEnvelope<EngineCommand>>(c: C): C & Envelope {
  return { v: PROTOCOL_VERSION, ...c };
}

export function event<E extends OmitEnvelope<EngineEvent>>(e: E): E & Envelope {
  return { v: PROTOCOL_VERSION, ...e };
}
