/**
 * The configuration being edited, as pure functions: which settings a running job takes live
 * (the live rows of the settings table, sent with setLive) and which rebuild it (the others,
 * sent with configure), and the words of the question asked before a rebuild.
 */
import { LIVE_KEYS, type ExperimentConfig, type LiveKey, type LiveParams } from '../../../shared/config';
import { valueAt } from '../../../shared/setting-values';
import { DATASET_SETTINGS, SETTING_ROWS, type SettingRow } from '../../../shared/settings';

const STRUCTURAL_ROWS = SETTING_ROWS.filter((r) => !r.setting.live);

/** Equal settings: numbers, words, lists of widths or records of dataset parameters. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.join() === b.join();
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null)
    return sameRecord(a as Record<string, unknown>, b as Record<string, unknown>);
  return a === b;
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * What structural settings differ between `a` and `b`, in words ("the latent size"), or []
 * when a job built from `a` can become `b` by live changes alone.
 */
export function structuralChanges(a: ExperimentConfig, b: ExperimentConfig): string[] {
  const words = new Set<string>();
  for (const row of STRUCTURAL_ROWS)
    if (!same(valueAt(a, row.path), valueAt(b, row.path))) words.add(row.setting.change ?? row.setting.label);
  // Another dataset brings its own parameters: "the dataset" says it all.
  if (words.has(DATASET_SETTINGS.kind.change)) words.delete(DATASET_SETTINGS.params.change);
  return [...words];
}

/** The live settings that differ from `a` to `b` (empty when none). */
export function liveChanges(a: ExperimentConfig, b: ExperimentConfig): Partial<LiveParams> {
  const out: Partial<Record<LiveKey, unknown>> = {};
  for (const key of LIVE_KEYS) if (a.train[key] !== b.train[key]) out[key] = b.train[key];
  return out as Partial<LiveParams>;
}

/** "Changing the latent size starts training again from epoch 0. Continue?" */
export function resetQuestion(changes: readonly string[]): string {
  const what =
    changes.length === 0
      ? 'the settings'
      : changes.length === 1
        ? changes[0]
        : `${changes.slice(0, -1).join(', ')} and ${changes.at(-1)}`;
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

/** Every setting of `a` equals that of `b`. */
export function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return SETTING_ROWS.every((row) => same(valueAt(a, row.path), valueAt(b, row.path)));
}

/** A copy of `c` with one setting replaced. */
export function withSetting(c: ExperimentConfig, row: SettingRow, value: unknown): ExperimentConfig {
  const patch = { [row.key]: value };
  if (row.group === 'train') return withTrain(c, patch);
  if (row.group === 'model') return withModel(c, patch);
  return withDataset(c, patch);
}
