/**
 * The configuration being edited, as pure functions: which settings a running job takes live
 * (LIVE_KEYS, sent with setLive) and which rebuild it (everything else, sent with configure).
 */
import { LIVE_KEYS, type ExperimentConfig, type LiveKey, type LiveParams } from '../../../shared/config';

/** Structural settings in the words of "Changing … starts training again from epoch 0". */
const STRUCTURAL_WORDS: readonly { what: string; differs: (a: ExperimentConfig, b: ExperimentConfig) => boolean }[] = [
  { what: 'the dataset', differs: (a, b) => a.dataset.kind !== b.dataset.kind },
  { what: 'the dataset parameters', differs: (a, b) => a.dataset.kind === b.dataset.kind && !sameRecord(a.dataset.params, b.dataset.params) },
  { what: 'the data seed', differs: (a, b) => a.dataset.seed !== b.dataset.seed },
  { what: 'the validation split', differs: (a, b) => a.dataset.validation !== b.dataset.validation },
  { what: 'standardising', differs: (a, b) => a.dataset.standardize !== b.dataset.standardize },
  { what: 'the latent size', differs: (a, b) => a.model.latent !== b.model.latent },
  { what: 'the hidden layers', differs: (a, b) => a.model.hidden.join() !== b.model.hidden.join() },
  { what: 'the activation', differs: (a, b) => a.model.activation !== b.model.activation },
  { what: 'the decoder likelihood', differs: (a, b) => a.model.likelihood !== b.model.likelihood },
  { what: 'the initialisation', differs: (a, b) => a.model.init !== b.model.init || a.model.initStd !== b.model.initStd },
  { what: 'the initialisation seed', differs: (a, b) => a.model.initSeed !== b.model.initSeed },
  { what: 'the batch size', differs: (a, b) => a.train.batchSize !== b.train.batchSize },
  { what: 'the optimizer', differs: (a, b) => a.train.optimizer !== b.train.optimizer },
  { what: 'the variance floor', differs: (a, b) => a.train.varianceFloor !== b.train.varianceFloor },
  { what: 'the training seed', differs: (a, b) => a.train.seed !== b.train.seed },
];

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** True for settings a running job takes at its next step. */
export function isLiveKey(key: string): key is LiveKey {
  return (LIVE_KEYS as readonly string[]).includes(key);
}

/**
 * What structural settings differ between `a` and `b`, in words ("the latent size"), or []
 * when a job built from `a` can become `b` by live changes alone.
 */
export function structuralChanges(a: ExperimentConfig, b: ExperimentConfig): string[] {
  return STRUCTURAL_WORDS.filter((s) => s.differs(a, b)).map((s) => s.what);
}

/** The live settings that differ from `a` to `b` (empty when none). */
export function liveChanges(a: ExperimentConfig, b: ExperimentConfig): Partial<LiveParams> {
  const out: Partial<Record<LiveKey, unknown>> = {};
  for (const key of LIVE_KEYS) if (a.train[key] !== b.train[key]) out[key] = b.train[key];
  return out as Partial<LiveParams>;
}

/** "Changing the latent size starts training again from epoch 0. Continue?" */
export function resetQuestion(changes: readonly string[]): string {
  const what = changes.length === 0 ? 'the settings' : changes.length === 1 ? changes[0] : `${changes.slice(0, -1).join(', ')} and ${changes.at(-1)}`;
  return `Changing ${what} starts training again from epoch 0. Continue?`;
}

/** A copy of `c` with some training settings replaced. */
export function withTrain(c: ExperimentConfig, patch: Partial<ExperimentConfig['train']>): ExperimentConfig {
  return { ...c, train: { ...c.train, ...patch } };
}

/** A copy of `c` with some model settings replaced. */
export function withModel(c: ExperimentConfig, patch: Partial<ExperimentConfig['model']>): ExperimentConfig {
  return { ...c, model: { ...c.model, ...patch, hidden: [...(patch.hidden ?? c.model.hidden)] } };
}

/** A copy of `c` with some dataset settings replaced. */
export function withDataset(c: ExperimentConfig, patch: Partial<ExperimentConfig['dataset']>): ExperimentConfig {
  return { ...c, dataset: { ...c.dataset, ...patch, params: { ...(patch.params ?? c.dataset.params) } } };
}
