/**
 * `vae-lab export FILE.vaelab --to pytorch|onnx --out DIR` and `vae-lab import DIR --out FILE.vaelab`:
 * the files come from src/engine/export (pure); this module reads and writes them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  EXPORT_SESSION_FILE,
  EXPORT_TARGETS,
  HISTORY_FILE,
  TRAINED_FILE,
  WEIGHTS_FILE,
  exportFiles,
  type ExportTarget,
} from '../engine/export/pytorch';
import { SafetensorsError, decodeSafetensors } from '../engine/export/safetensors';
import { TensorMismatchError, tensorsToWeights } from '../engine/export/tensors';
import {
  mergeTrainHistory,
  parseTrainHistory,
  TrainHistoryError,
  type TrainHistory,
} from '../engine/export/train-history';
import { Trainer } from '../engine/trainer';
import { APP_VERSION } from '../shared/app-version';
import { decodeSession, SessionFileError } from '../shared/session-codec';
import { newSession, type Session } from '../shared/session';
import type { CliIo } from './io';
import { parseChoice } from './parse-values';
import { sessionRunData } from './session-data';
import { writeSessionFile } from './session-files';
import { UsageError } from './usage-error';

export const EXPORT_HELP = `vae-lab export FILE.vaelab --to pytorch|onnx --out DIR

  --to pytorch   model.py, train.py, data.py, weights.safetensors, data.npz (not for MNIST), README.md
  --to onnx      encoder.onnx (x → mu, logvar) and decoder.onnx (z → the likelihood's parameters), opset 17
  --out DIR      the folder to write (made if missing; files of the same names are replaced)
Both also write vaelab-export.json (the settings) and session.vaelab (for vae-lab import).`;

export const IMPORT_HELP = `vae-lab import DIR --out FILE.vaelab

Reads a PyTorch export folder: trained.safetensors (from train.py) or else weights.safetensors, and
history.json when present, and writes a session with those weights and the exported session's
architecture, settings and data. A tensor with another name or shape is refused, naming it.`;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

function parse(argv: string[], options: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function decode(text: string, file: string): Session {
  try {
    const d = decodeSession(text, file);
    if (d.readOnly) throw new UsageError(`${d.message} Use a newer vae-lab.`);
    return d.session;
  } catch (e) {
    if (e instanceof SessionFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** The session's weights in force, training a fresh model's initial state when it has none yet. */
function trainerOf(session: Session, file: string): Trainer {
  const { prepared } = sessionRunData(session, file);
  const trainer = new Trainer(session.config, prepared.train);
  if (session.state) trainer.setState(session.state);
  return trainer;
}

export function exportCommand(argv: string[], io: CliIo): number {
  const parsed = parse(argv, { to: { type: 'string' }, out: { type: 'string' } });
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('which session? vae-lab export FILE.vaelab --to pytorch --out DIR');
  if (extra.length > 0) throw new UsageError(`one session file at a time (also given: ${extra.join(' ')})`);
  if (parsed.values.to === undefined) throw new UsageError('--to pytorch or --to onnx is needed');
  const target: ExportTarget = parseChoice('to', parsed.values.to, EXPORT_TARGETS);
  const out = parsed.values.out;
  if (out === undefined) throw new UsageError('--out DIR is needed (the folder to write the files into)');
  const text = readText(file, 'session file');
  const session = decode(text, file);
  const trainer = trainerOf(session, file);
  const files = exportFiles(
    {
      name: session.name,
      appVersion: APP_VERSION,
      config: session.config,
      dim: trainer.data.dim,
      epoch: session.status.epoch,
      weights: trainer.getState().weights,
      train: { x: trainer.data.x, n: trainer.data.n },
      sessionText: text,
      sigma2: trainer.live.sigma2,
    },
    target,
  );
  try {
    mkdirSync(out, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
  } catch (e) {
    io.err(`vae-lab export: cannot write into ${out}: ${(e as Error).message}`);
    return 1;
  }
  io.out(`wrote ${Object.keys(files).sort().join(', ')} into ${out}`);
  return 0;
}

function readHistory(dir: string, latent: number): TrainHistory | null {
  const path = join(dir, HISTORY_FILE);
  if (!existsSync(path)) return null;
  try {
    return parseTrainHistory(readText(path, 'metric history'), latent);
  } catch (e) {
    if (e instanceof TrainHistoryError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

export function importCommand(argv: string[], io: CliIo): number {
  const parsed = parse(argv, { out: { type: 'string' } });
  const [dir, ...extra] = parsed.positionals;
  if (dir === undefined) throw new UsageError('which folder? vae-lab import DIR --out FILE.vaelab');
  if (extra.length > 0) throw new UsageError(`one folder at a time (also given: ${extra.join(' ')})`);
  const out = parsed.values.out;
  if (out === undefined) throw new UsageError('--out FILE.vaelab is needed');
  const sessionPath = join(dir, EXPORT_SESSION_FILE);
  const session = decode(readText(sessionPath, 'exported session'), sessionPath);
  const trained = existsSync(join(dir, TRAINED_FILE));
  const weightsPath = join(dir, trained ? TRAINED_FILE : WEIGHTS_FILE);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(weightsPath);
  } catch (e) {
    throw new UsageError(`cannot read weights ${weightsPath}: ${(e as Error).message}`);
  }
  const trainer = trainerOf(session, sessionPath);
  let weights: Float32Array[];
  try {
    weights = tensorsToWeights(session.config.model, trainer.data.dim, decodeSafetensors(bytes).tensors);
  } catch (e) {
    if (e instanceof SafetensorsError || e instanceof TensorMismatchError)
      throw new UsageError(`${weightsPath}: ${e.message}`);
    throw e;
  }
  const trainedHistory = readHistory(dir, session.config.model.latent);
  const state = trainer.getState();
  state.weights = weights;
  // Weights trained elsewhere: the optimizer's moments no longer belong to them, so they start again.
  if (trained) state.optimizer = { t: 0, buffers: state.optimizer.buffers.map((b) => new Float32Array(b.length)) };
  let history = session.history;
  let note = `Imported weights from ${weightsPath}.`;
  const last = trainedHistory?.history.at(-1);
  if (trainedHistory && last) {
    try {
      history = mergeTrainHistory(session.history, session.status.epoch, trainedHistory);
    } catch (e) {
      if (e instanceof TrainHistoryError) throw new UsageError(`${join(dir, HISTORY_FILE)}: ${e.message}`);
      throw e;
    }
    // The epochs trained with PyTorch count: the session continues from the last of them.
    state.epoch = last.epoch;
    state.step += trainedHistory.history.reduce((sum, m) => sum + m.steps, 0);
    state.progress = null;
    note =
      `Imported from ${weightsPath}: epochs ${trainedHistory.startEpoch + 1}–${last.epoch} trained with PyTorch ` +
      `on ${trainedHistory.world} process(es), last loss ${last.loss.toFixed(4)} (recon ${last.recon.toFixed(4)}, ` +
      `KL ${last.kl.toFixed(4)}); their metrics are in the history.`;
  }
  const imported = newSession({
    name: session.name,
    notes: session.notes ? `${session.notes}\n\n${note}` : note,
    appVersion: APP_VERSION,
    config: session.config,
    data: session.data,
    state,
    history,
    snapshot: null,
    divergence: null,
  });
  writeSessionFile(out, imported);
  io.out(`wrote ${out}: ${note}`);
  return 0;
}
