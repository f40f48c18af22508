/** The settings of several sessions side by side: one row per setting, flagged where they differ. */
import type { ExperimentConfig } from '../../../shared/config';

export interface SettingRow {
  /** e.g. "train.beta" */
  key: string;
  values: string[];
  differs: boolean;
}

function flatten(config: ExperimentConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const [group, record] of Object.entries(config) as [string, Record<string, unknown>][]) {
    for (const [key, value] of Object.entries(record)) {
      if (key === 'params' && typeof value === 'object' && value !== null) {
        for (const [p, v] of Object.entries(value)) out.set(`${group}.params.${p}`, String(v));
      } else out.set(`${group}.${key}`, Array.isArray(value) ? value.join('-') || '(none)' : String(value));
    }
  }
  return out;
}

export function settingRows(configs: readonly ExperimentConfig[]): SettingRow[] {
  const flat = configs.map(flatten);
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return keys.map((key) => {
    const values = flat.map((m) => m.get(key) ?? '–');
    return { key, values, differs: values.some((v) => v !== values[0]) };
  });
}
