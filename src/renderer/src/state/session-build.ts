/**
 * The lab's job as a session and back: what is saved (config with the live settings in force,
 * checkpoint, history, the cheap part of the latest snapshot, the drawn points) and what
 * opening one sends to the engine. Pure functions, no state.
 */
import { cloneConfig, type ExperimentConfig } from '../../../shared/config';
import type { DatasetInfo, Divergence, EpochMetrics, LabelledPoint, Snapshot } from '../../../shared/protocol';
import { APP_VERSION } from '../../../shared/app-version';
import { copyTable, type DataTable } from '../../../shared/data-table';
import { newSession, type Session, type SessionSnapshot } from '../../../shared/session';
import type { Classroom } from '../../../shared/classroom';
import type { Checkpoint } from './checkpoints';
import type { UserSources } from './data-sources';

export interface SessionInputs {
  name: string;
  notes: string;
  /** Creation time of the session this one continues. */
  createdAt?: string;
  /** The edited configuration (used as it is before the first checkpoint). */
  config: ExperimentConfig;
  sources: UserSources;
  checkpoint: Checkpoint | null;
  history: readonly EpochMetrics[];
  dataset: DatasetInfo | null;
  snapshot: Snapshot | null;
  divergence: Divergence | null;
  /** The lesson's preset and hidden controls. */
  classroom?: Classroom;
  now?: Date;
}

/** Drawn points as the engine builds them (engine/datasets/points.ts): `[n × 2]`, classes = largest label + 1. */
export function pointsToEmbedded(points: readonly LabelledPoint[]): DataTable {
  const x = new Float32Array(points.length * 2);
  const labels = new Int32Array(points.length);
  let classes = 0;
  points.forEach((p, i) => {
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    labels[i] = p.label;
    classes = Math.max(classes, p.label + 1);
  });
  return { x, n: points.length, dim: 2, labels, classes, columns: ['x', 'y'], classNames: null };
}

export function embeddedToPoints(e: DataTable): LabelledPoint[] {
  return Array.from({ length: e.n }, (_, i) => ({ x: e.x[2 * i], y: e.x[2 * i + 1], label: e.labels[i] }));
}

/** Encoder means and decoded prior samples: enough to draw the latent map and the samples at once. */
export function snapshotArrays(s: Snapshot): SessionSnapshot {
  return {
    epoch: s.epoch,
    arrays: {
      means: { shape: [s.rows, s.latent], values: s.means.slice() },
      'prior.z': { shape: [s.prior.count, s.latent], values: s.prior.z.slice() },
      'prior.mean': { shape: [s.prior.count, s.dim], values: s.prior.mean.slice() },
    },
  };
}

function embeddedFor(config: ExperimentConfig, sources: UserSources, dataset: DatasetInfo): DataTable | null {
  if (config.dataset.kind === 'points') return pointsToEmbedded(sources.points ?? []);
  if (config.dataset.kind === 'csv') {
    const table = dataset.table ?? sources.table;
    if (!table) throw new Error('the CSV table is not known yet: wait until the engine has built the experiment');
    return copyTable(table);
  }
  return null;
}

/** The session of the lab's current job. Throws (in words) when there is no job to save. */
export function buildSession(p: SessionInputs): Session {
  if (p.dataset === null)
    throw new Error('there is no dataset to save yet: wait until the engine has built the experiment');
  const cp = p.checkpoint;
  // The job's config with the live settings in force, so the panels show what the trainer uses.
  const config = cp
    ? { ...cloneConfig(cp.config), train: { ...cp.config.train, ...cp.state.live } }
    : cloneConfig(p.config);
  const history = cp ? cp.history : p.history;
  return newSession({
    name: p.name,
    notes: p.notes,
    appVersion: APP_VERSION,
    config,
    data: {
      dim: p.dataset.dim,
      trainExamples: p.dataset.n,
      embedded: embeddedFor(config, p.sources, p.dataset),
      checksum: p.dataset.checksum,
    },
    state: cp && cp.state.epoch > 0 ? cp.state : null,
    history: history.map((m) => ({ ...m, klPerDim: [...m.klPerDim] })),
    snapshot: p.snapshot && cp && p.snapshot.epoch === cp.state.epoch ? snapshotArrays(p.snapshot) : null,
    divergence: p.divergence,
    classroom: p.classroom,
    createdAt: p.createdAt,
    now: p.now,
  });
}

/** What opening `session` gives the lab: its configuration, its data and the checkpoint to continue from. */
export function sessionToJob(session: Session): {
  config: ExperimentConfig;
  sources: UserSources;
  restore: Checkpoint | null;
  /** The CRC-32 of the data the weights were trained on, when the file records it. */
  checksum: string | null;
} {
  const config = cloneConfig(session.config);
  const e = session.data.embedded;
  const kind = config.dataset.kind;
  if ((kind === 'points' || kind === 'csv') && !e)
    throw new Error(`the session has no embedded ${kind === 'csv' ? 'CSV table' : 'points'}`);
  const sources: UserSources =
    e && kind === 'points' ? { points: embeddedToPoints(e) } : e && kind === 'csv' ? { table: { ...e } } : {};
  const restore = session.state ? { config, state: session.state, history: session.history } : null;
  return { config, sources, restore, checksum: session.data.checksum ?? null };
}

/** A default name: "pinwheel β=0.25". */
export function defaultSessionName(config: ExperimentConfig): string {
  return `${config.dataset.kind} β=${config.train.beta}`;
}
