/** The settings of several sessions side by side: one row per setting, flagged where they differ. */
import type { ExperimentConfig } from '../../../shared/config';
import { DATASET_PARAMS } from '../../../shared/dataset-params';
import { SETTING_ROWS, type DatasetKind } from '../../../shared/settings';

export interface SettingRow {
  /** e.g. "train.beta" */
  key: string;
  /** The label the lab shows for it, with its unit: "β (KL weight)", "Dataset parameters: Arms". */
  label: string;
  values: string[];
  differs: boolean;
}

/** The on-screen label of a setting path, from the settings table (and the dataset's parameters). */
export function settingLabel(key: string, kinds: readonly DatasetKind[] = []): string {
  const param = /^dataset\.params\.(.+)$/.exec(key);
  if (param) {
    const spec = kinds.flatMap((k) => DATASET_PARAMS[k] ?? []).find((p) => p.name === param[1]);
    return `Dataset parameters: ${spec?.label ?? param[1]}`;
  }
  const row = SETTING_ROWS.find((r) => r.path === key);
  if (!row) return key;
  const unit = row.setting.unit;
  return unit && !row.setting.label.includes(unit) ? `${row.setting.label} (${unit})` : row.setting.label;
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
  const kinds = configs.map((c) => c.dataset.kind);
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return keys.map((key) => {
    const values = flat.map((m) => m.get(key) ?? '–');
    return { key, label: settingLabel(key, kinds), values, differs: values.some((v) => v !== values[0]) };
  });
}
