/** A training run tied to a session file: rebuilt from one (--resume) and saved to one (--out). */
import type { PreparedData } from '../engine/datasets';
import { Trainer, type EpochMetrics } from '../engine/trainer';
import { APP_VERSION } from '../shared/app-version';
import type { ExperimentConfig } from '../shared/config';
import type { DataTable } from '../shared/data-table';
import { newSession } from '../shared/session';
import { sessionRunData } from './session-data';
import { readSessionFile, writeSessionFile } from './session-files';
import type { TrainOptions } from './train-options';
import { UsageError } from './usage-error';

export interface Run {
  config: ExperimentConfig;
  data: PreparedData;
  embedded: DataTable | null;
  trainer: Trainer;
  /** Every epoch's metrics since the session began. */
  history: EpochMetrics[];
  name: string;
  notes: string;
  /** Creation time of a resumed session. */
  createdAt: string | undefined;
}

/** Opens a session for more training, to `--epochs` in total (default: the saved target). */
export function resumeRun(file: string, options: TrainOptions): Run {
  const { session, readOnly, message } = readSessionFile(file);
  if (readOnly) throw new UsageError(`${message} The command line cannot continue it.`);
  if (session.status.divergence) {
    const d = session.status.divergence;
    throw new UsageError(
      `${file}: status.divergence: the run diverged at epoch ${d.epoch} (${d.reason}); it cannot be continued with the same settings`,
    );
  }
  const config = session.config;
  const target = options.given.includes('epochs')
    ? options.config.train.epochs
    : (session.state?.live.epochs ?? config.train.epochs);
  if (target <= session.status.epoch)
    throw new UsageError(`--epochs ${target}: ${file} already has ${session.status.epoch} epochs; ask for more`);
  const { prepared, embedded } = sessionRunData(session, file);
  const trainer = new Trainer(config, prepared.train);
  if (session.state) trainer.setState(session.state);
  trainer.setLive({ epochs: target });
  config.train.epochs = target;
  return {
    config,
    data: prepared,
    embedded,
    trainer,
    history: session.history,
    name: options.name ?? session.name,
    notes: session.notes,
    createdAt: session.createdAt,
  };
}

/** Writes the run's session atomically (the previous file is kept as .bak); returns a warning for the user, or null. */
export function saveRun(file: string, run: Run): string | null {
  const { trainer } = run;
  const session = newSession({
    name: run.name,
    notes: run.notes,
    appVersion: APP_VERSION,
    config: run.config,
    data: { dim: run.data.train.dim, trainExamples: run.data.train.n, embedded: run.embedded },
    state: trainer.getState(),
    history: run.history,
    divergence: trainer.divergence,
    createdAt: run.createdAt,
  });
  return writeSessionFile(file, session).warning;
}
