import { PRESETS, cloneConfig, type ExperimentConfig, type PresetName } from '../../../shared/config';
import { sameConfig } from './experiment';
import { PHENOMENA } from './phenomena';

export interface PresetChoice {
  name: PresetName;
  label: string;
  /** The menu's group: plain starting points, or the phenomena of the Learn view (each with a check). */
  group: 'Presets' | 'Phenomena';
}

/** The presets offered on the first screen, in menu order. */
export const PRESET_CHOICES: readonly PresetChoice[] = [
  { name: 'lecture', label: 'Lecture: pinwheel β=0.25', group: 'Presets' },
  { name: 'mnist', label: 'MNIST digits (Bernoulli)', group: 'Presets' },
  { name: 'linear', label: 'Linear Gaussian (PPCA law)', group: 'Presets' },
  ...PHENOMENA.filter((p) => p.preset !== 'lecture').map((p): PresetChoice => ({
    name: p.preset,
    label: p.title,
    group: 'Phenomena',
  })),
];

/** The menu's groups in order, each with its choices. */
export const PRESET_GROUPS = (['Presets', 'Phenomena'] as const).map((group) => ({
  group,
  choices: PRESET_CHOICES.filter((c) => c.group === group),
}));

/** The preset whose every setting `config` has, or null once the settings have left every preset. */
export function matchingPreset(config: ExperimentConfig): PresetName | null {
  return PRESET_CHOICES.find((c) => sameConfig(config, PRESETS[c.name]))?.name ?? null;
}

/** A fresh copy of a preset's configuration. */
export function presetConfig(name: PresetName): ExperimentConfig {
  return cloneConfig(PRESETS[name]);
}
