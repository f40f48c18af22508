/** Reading a configuration through the settings table: a setting's value by its path, and its `when`. */
import type { ExperimentConfig } from './config';
import type { SettingRow } from './settings';

/** A setting's value by its path: `valueAt(c, 'model.likelihood')` is `c.model.likelihood`. */
export function valueAt(c: ExperimentConfig, path: string): unknown {
  const [group, key] = path.split('.') as [keyof ExperimentConfig, string];
  return (c[group] as unknown as Record<string, unknown>)[key];
}

/** False where the row's `when` names another setting's value that `c` does not have. */
export function settingApplies(c: ExperimentConfig, row: SettingRow): boolean {
  const when = row.setting.when;
  return !when || valueAt(c, when.key) === when.is;
}
