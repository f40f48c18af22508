/**
 * The `.vaelab` session file: one self-contained experiment (docs/ARCHITECTURE.md, Session files).
 * The engine's result types are the protocol's (src/shared/protocol.ts), which the engine
 * imports too.
 */
import type { ExperimentConfig, ModelConfig } from './config';
import type { DataTable } from './data-table';
import type { Divergence, EpochMetrics, TrainerState } from './protocol';
import type { Classroom } from './classroom';

export const SESSION_FORMAT = 'vae-lab-session';
/** The schema this code writes; files with a higher number open read-only. */
export const SESSION_SCHEMA_VERSION = 3;
export const SESSION_EXTENSION = '.vaelab';

/** What the model was built for: the data's width and the number of training examples (after the split). */
export interface SessionData {
  dim: number;
  trainExamples: number;
  /** The data itself, for datasets that cannot be regenerated from their spec (csv, points): before the split. */
  embedded: DataTable | null;
  /** CRC-32 (8 hex digits) of the training examples' values as trained on, when the writer knew them (the CLI). */
  checksum?: string;
}

/** One array of the latest snapshot: row-major values and their shape (product of shape = length). */
export interface SnapshotArray {
  shape: number[];
  values: Float32Array;
}

/** Whatever the UI needs to draw every view on open (encoder means, prior decodings…), by name. */
export interface SessionSnapshot {
  epoch: number;
  arrays: Record<string, SnapshotArray>;
}

export interface SessionStatus {
  /** Completed epochs. */
  epoch: number;
  divergence: Divergence | null;
}

export interface Session {
  format: typeof SESSION_FORMAT;
  schemaVersion: number;
  /** Version of the program that wrote the file. */
  appVersion: string;
  /** ISO 8601 times. */
  createdAt: string;
  modifiedAt: string;
  name: string;
  notes: string;
  config: ExperimentConfig;
  data: SessionData;
  /** null before the first epoch. */
  state: TrainerState | null;
  history: EpochMetrics[];
  snapshot: SessionSnapshot | null;
  status: SessionStatus;
  /** The lesson's preset and hidden controls; absent in files written before classroom mode. */
  classroom?: Classroom;
}

/** Dataset kinds whose points travel inside the file. */
export const EMBEDDED_KINDS = ['csv', 'points'] as const;

export const SESSION_TEXT_LIMITS = { name: 200, notes: 100_000, appVersion: 50 } as const;

/** Number of values of each weight tensor of a model, in the trainer's order (w `[in × out]`, b `[out]` per layer). */
export function parameterShapes(model: ModelConfig, dim: number): { name: string; length: number }[] {
  const k = model.latent;
  const perDim = model.likelihood === 'gaussian-learned' ? 2 : 1;
  const layers = (name: string, dims: number[]) =>
    dims.slice(1).flatMap((out, i) => [
      { name: `${name}.${i}.w`, length: dims[i] * out },
      { name: `${name}.${i}.b`, length: out },
    ]);
  return [
    ...layers('encoder', [dim, ...model.hidden, 2 * k]),
    ...layers('decoder', [k, ...[...model.hidden].reverse(), perDim * dim]),
  ];
}

/** Optimizer moment buffers: Adam keeps m and v per tensor, SGD none. */
export function optimizerShapes(config: ExperimentConfig, dim: number): number[] {
  const lengths = parameterShapes(config.model, dim).map((p) => p.length);
  return config.train.optimizer === 'adam' ? [...lengths, ...lengths] : [];
}

/** The parts of a session that come from a run; the rest is filled in by newSession. */
export interface SessionParts {
  name: string;
  notes?: string;
  appVersion: string;
  config: ExperimentConfig;
  data: SessionData;
  state: TrainerState | null;
  history: EpochMetrics[];
  snapshot?: SessionSnapshot | null;
  divergence?: Divergence | null;
  classroom?: Classroom;
  /** Creation time of the session this one continues, so it is kept across saves. */
  createdAt?: string;
  now?: Date;
}

/** A session of the current schema: modified now, created now unless continued. */
export function newSession(p: SessionParts): Session {
  const now = (p.now ?? new Date()).toISOString();
  return {
    format: SESSION_FORMAT,
    schemaVersion: SESSION_SCHEMA_VERSION,
    appVersion: p.appVersion,
    createdAt: p.createdAt ?? now,
    modifiedAt: now,
    name: p.name,
    notes: p.notes ?? '',
    config: p.config,
    data: p.data,
    state: p.state,
    history: p.history,
    snapshot: p.snapshot ?? null,
    status: { epoch: p.state?.epoch ?? 0, divergence: p.divergence ?? null },
    ...(p.classroom ? { classroom: { preset: p.classroom.preset, hidden: [...p.classroom.hidden] } } : {}),
  };
}
