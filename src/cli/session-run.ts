/** A training run tied to a session file: rebuilt from one (--resume) and saved to one (--out). */
import { bernoulliProblem, type PreparedData } from '../engine/datasets';
import { Trainer, type EpochMetrics } from '../engine/trainer';
import { APP_VERSION } from '../shared/app-version';
import type { ExperimentConfig } from '../shared/config';
import type { TrainerState } from '../shared/protocol';
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
  /** CRC-32 of the training data as built (session `data.checksum`). */
  dataChecksum: string;
  trainer: Trainer;
  /** Every epoch's metrics since the session began. */
  history: EpochMetrics[];
  name: string;
  notes: string;
  /** Creation time of a resumed session. */
  createdAt: string | undefined;
  /** For a diverged session continued with a new --lr or --clip: what changed, for the log. */
  retuned?: string;
}

/** Opens a session for more training, to `--epochs` in total (default: the saved target). */
export function resumeRun(file: string, options: TrainOptions): Run {
  const { session, readOnly, message } = readSessionFile(file);
  if (readOnly) throw new UsageError(`${message} The command line cannot continue it.`);
  const retune = options.given.filter((f) => f === 'lr' || f === 'clip');
  const d = session.status.divergence;
  if (d && retune.length === 0)
    throw new UsageError(
      `${file}: status.divergence: the run diverged at epoch ${d.epoch} (${d.reason}); it cannot be continued with the same settings: give a smaller --lr or a gradient --clip to continue from its last finite weights`,
    );
  if (!d && retune.length > 0)
    throw new UsageError(
      `--resume continues the saved settings; ${retune.map((f) => `--${f}`).join(', ')} can be changed only for a run that diverged`,
    );
  const config = session.config;
  const target = options.given.includes('epochs')
    ? options.config.train.epochs
    : (session.state?.live.epochs ?? config.train.epochs);
  if (target <= session.status.epoch)
    throw new UsageError(`--epochs ${target}: ${file} already has ${session.status.epoch} epochs; ask for more`);
  const { prepared, embedded, checksum } = sessionRunData(session, file);
  // Sessions from before the range check (or edited by hand) may pair a Bernoulli decoder with any data.
  const problem = config.model.likelihood === 'bernoulli' ? bernoulliProblem(prepared) : null;
  if (problem)
    throw new UsageError(
      `${file}: config.model.likelihood: a Bernoulli decoder ${problem}; this session cannot be continued`,
    );
  const trainer = new Trainer(config, prepared.train);
  if (session.state)
    // A diverged run's optimizer moments may be overflowed: it continues with fresh ones.
    trainer.setState(d ? { ...session.state, optimizer: freshMoments(session.state.optimizer) } : session.state);
  trainer.setLive({ epochs: target });
  config.train.epochs = target;
  // A diverged run continues from its last finite weights with the new step size or clip.
  for (const flag of retune) {
    const key = flag as 'lr' | 'clip';
    config.train[key] = options.config.train[key];
    trainer.setLive({ [key]: options.config.train[key] });
  }
  return {
    config,
    data: prepared,
    embedded,
    dataChecksum: checksum,
    trainer,
    history: session.history,
    name: options.name ?? session.name,
    notes: session.notes,
    createdAt: session.createdAt,
    ...(d
      ? {
          retuned: `The run diverged at epoch ${d.epoch}; continuing from its last finite weights with ${retune
            .map((f) => `--${f} ${config.train[f as 'lr' | 'clip']}`)
            .join(' ')} and fresh optimizer moments.`,
        }
      : {}),
  };
}

function freshMoments(o: TrainerState['optimizer']): TrainerState['optimizer'] {
  return { t: 0, buffers: o.buffers.map((b) => new Float32Array(b.length)) };
}

/** Writes the run's session atomically (the previous file is kept as .bak); returns a warning for the user, or null. */
export function saveRun(file: string, run: Run): string | null {
  const { trainer } = run;
  const session = newSession({
    name: run.name,
    notes: run.notes,
    appVersion: APP_VERSION,
    config: run.config,
    data: {
      dim: run.data.train.dim,
      trainExamples: run.data.train.n,
      embedded: run.embedded,
      checksum: run.dataChecksum,
    },
    state: trainer.getState(),
    history: run.history,
    divergence: trainer.divergence,
    createdAt: run.createdAt,
  });
  return writeSessionFile(file, session).warning;
}
