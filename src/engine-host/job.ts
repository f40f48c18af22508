import type { ExperimentConfig, LiveParams } from '../shared/config';
import { copyTable } from '../shared/data-table';
import {
  RECON_DEFAULT,
  RECON_LIMIT,
  type DataSources,
  type DataSpectrum,
  type DataTable,
  type EpochMetrics,
} from '../shared/protocol';
import { bernoulliProblem, dataChecksum, makeDataset, prepareData, type PreparedData } from '../engine/datasets';
import { Rng } from '../engine/random';
import { dataSpectrum } from '../engine/spectrum';
import { Trainer } from '../engine/trainer';

/** The latent map shows at most this many training rows (a fixed random subset beyond). */
export const DISPLAY_ROWS = 10000;
/** Decoded prior samples per snapshot: many dots for low-dimensional data, fewer images. */
export const PRIOR_SAMPLES_LOW_DIM = 500;
export const PRIOR_SAMPLES_HIGH_DIM = 100;
const HIGH_DIM = 16;

/** Salts that keep the display's generators apart from the training streams. */
const DISPLAY_SALT = 0x9e3779b9;
const PRIOR_SALT = 0x85ebca6b;

/**
 * One configured experiment: its data, its trainer, the epochs trained so far, and the fixed
 * choices behind its pictures (display rows, prior z) so snapshots are comparable over time.
 */
export class Job {
  trainer: Trainer;
  history: EpochMetrics[] = [];
  /** Training rows shown in the latent map, ascending, `[rows]`. */
  readonly displayRows: Uint32Array;
  /** Those rows' data, `[rows × D]`. */
  readonly displayX: Float32Array;
  /** z ~ N(0, I), `[count × K]`, fixed per configure. */
  readonly priorZ: Float32Array;
  readonly priorCount: number;
  /** Rows reconstructed in every snapshot. */
  reconRows: Uint32Array;
  /** The training data's covariance eigenvalues and entropy (fixed per configure). */
  readonly spectrum: DataSpectrum;
  /** CRC-32 of the training examples (a session's `data.checksum`). */
  readonly checksum: string;

  /**
   * @param table for CSV data, the whole parsed table (sent to the UI so a session can embed it)
   */
  constructor(
    readonly config: ExperimentConfig,
    readonly data: PreparedData,
    readonly table: DataTable | null = null,
  ) {
    this.trainer = new Trainer(config, data.train);
    this.spectrum = dataSpectrum(config.dataset, data);
    this.checksum = dataChecksum(data);
    const { n, dim } = data.train;
    this.displayRows = pickRows(n, DISPLAY_ROWS, config.dataset.seed ^ DISPLAY_SALT);
    this.displayX = gatherRows(data.train.x, dim, this.displayRows);
    this.priorCount = dim > HIGH_DIM ? PRIOR_SAMPLES_HIGH_DIM : PRIOR_SAMPLES_LOW_DIM;
    this.priorZ = new Rng((config.train.seed ^ PRIOR_SALT) >>> 0).fillNormal(
      new Float32Array(this.priorCount * config.model.latent),
    );
    this.reconRows = reconDefaults(this.displayRows, data.train.labels);
  }

  /** Builds the dataset (the caller's bytes and text stand in for I/O) and a fresh trainer. */
  static build(config: ExperimentConfig, sources: DataSources = {}): Job {
    if (config.dataset.kind === 'csv') {
      const table = sources.table
        ? copyTable(sources.table)
        : makeDataset(config.dataset, { csvText: sources.csvText });
      return new Job(config, suited(config, prepareData(config.dataset, { dataset: table })), copyTable(table));
    }
    const data = prepareData(config.dataset, {
      mnistBytes: sources.mnistBytes ? new Uint8Array(sources.mnistBytes) : undefined,
      points: sources.points,
    });
    return new Job(config, suited(config, data));
  }

  /** Reconstruct these training rows in the snapshots from now on. */
  reconstruct(rows: readonly number[]): void {
    this.reconRows = Uint32Array.from(rows);
  }

  /** New weights from the same config and seeds; the live settings in force stay. */
  reset(): void {
    const live: LiveParams = { ...this.trainer.live };
    this.trainer = new Trainer(this.config, this.data.train);
    this.trainer.setLive(live);
    this.history = [];
  }
}

/** The data, unless the decoder cannot model it (a Bernoulli decoder outside [0, 1] trains to a meaningless loss). */
function suited(config: ExperimentConfig, data: PreparedData): PreparedData {
  const problem = config.model.likelihood === 'bernoulli' ? bernoulliProblem(data) : null;
  if (problem) throw new Error(`model.likelihood: bernoulli ${problem}`);
  return data;
}

/** All of 0 … n−1, or `max` of them chosen by a seeded shuffle, ascending. */
function pickRows(n: number, max: number, seed: number): Uint32Array {
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  new Rng(seed >>> 0).shuffle(all);
  return all.slice(0, max).sort();
}

/** Rows `rows` of x `[n × dim]` as a new `[rows × dim]` array. */
export function gatherRows(x: Float32Array, dim: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

/**
 * The rows reconstructed by default: one of each class first (the first shown row of class 0, 1, …;
 * up to RECON_LIMIT), then rows evenly spaced over the shown ones up to RECON_DEFAULT.
 */
export function reconDefaults(displayRows: Uint32Array, labels: Int32Array): Uint32Array {
  const firstOfClass = new Map<number, number>();
  for (const row of displayRows) {
    const label = labels[row] ?? -1;
    if (label >= 0 && !firstOfClass.has(label)) firstOfClass.set(label, row);
  }
  const picked = [...firstOfClass.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, row]) => row)
    .slice(0, RECON_LIMIT);
  const shown = displayRows.length;
  const want = Math.min(shown, Math.max(RECON_DEFAULT, picked.length));
  for (let i = 0; picked.length < want && i < shown; i++) {
    const row = displayRows[Math.floor((i * shown) / want) % shown];
    if (!picked.includes(row)) picked.push(row);
  }
  for (let i = 0; picked.length < want && i < shown; i++)
    if (!picked.includes(displayRows[i])) picked.push(displayRows[i]);
  return Uint32Array.from(picked);
}
