/**
 * history.json from train.py: `{startEpoch, world, history: [EpochMetrics-like rows]}`, read and
 * merged into a session's metric history by `vae-lab import`. Pure: text in, metrics out.
 */
import type { EpochMetrics } from '../../shared/protocol';

export interface TrainHistory {
  /** The exported session's epoch that train.py continued from. */
  startEpoch: number;
  /** Processes that trained (1, or torchrun's world size). */
  world: number;
  history: EpochMetrics[];
}

export class TrainHistoryError extends Error {}

const NUMBER_FIELDS = ['loss', 'recon', 'reconConstant', 'kl', 'beta', 'betaKl', 'ms'] as const;

function num(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TrainHistoryError(`${where}: must be a finite number (got ${JSON.stringify(value)})`);
  return value;
}

function count(value: unknown, where: string): number {
  const n = num(value, where);
  if (!Number.isInteger(n) || n < 0)
    throw new TrainHistoryError(`${where}: must be a whole number ≥ 0 (got ${JSON.stringify(value)})`);
  return n;
}

/** Reads train.py's history.json for a model of `latent` dimensions; an error names the field. */
export function parseTrainHistory(text: string, latent: number): TrainHistory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TrainHistoryError(`not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TrainHistoryError('not a JSON object');
  const h = raw as Record<string, unknown>;
  const startEpoch = count(h.startEpoch, 'startEpoch');
  const world = count(h.world, 'world');
  if (!Array.isArray(h.history)) throw new TrainHistoryError('history: must be a list of epochs');
  const history = h.history.map((row: unknown, i): EpochMetrics => {
    const where = `history[${i}]`;
    if (typeof row !== 'object' || row === null) throw new TrainHistoryError(`${where}: must be an object`);
    const r = row as Record<string, unknown>;
    const epoch = count(r.epoch, `${where}.epoch`);
    if (epoch !== startEpoch + i + 1)
      throw new TrainHistoryError(
        `${where}.epoch: expected ${startEpoch + i + 1} (epochs follow startEpoch), got ${epoch}`,
      );
    const klPerDim = r.klPerDim;
    if (!Array.isArray(klPerDim) || klPerDim.length !== latent)
      throw new TrainHistoryError(`${where}.klPerDim: must list ${latent} numbers, one per latent dimension`);
    const values = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, num(r[f], `${where}.${f}`)])) as Record<
      (typeof NUMBER_FIELDS)[number],
      number
    >;
    return {
      epoch,
      ...values,
      klPerDim: klPerDim.map((v, j) => num(v, `${where}.klPerDim[${j}]`)),
      activeUnits: count(r.activeUnits, `${where}.activeUnits`),
      steps: count(r.steps, `${where}.steps`),
    };
  });
  return { startEpoch, world, history };
}

/**
 * The session's history up to `startEpoch`, then train.py's epochs. Refuses a history that does
 * not continue this session (another start epoch than the session's).
 */
export function mergeTrainHistory(
  session: readonly EpochMetrics[],
  sessionEpoch: number,
  trained: TrainHistory,
): EpochMetrics[] {
  if (trained.startEpoch !== sessionEpoch)
    throw new TrainHistoryError(
      `startEpoch: ${trained.startEpoch}, but the exported session is at epoch ${sessionEpoch}; this history belongs to another export`,
    );
  return [...session.filter((m) => m.epoch <= sessionEpoch), ...trained.history];
}
