import { PRESETS, cloneConfig, type ExperimentConfig, type PresetName } from '../../../shared/config';
import { sameConfig } from './experiment';

export interface PresetChoice {
  name: PresetName;
  label: string;
}

/** The presets offered on the first screen, in menu order. */
export const PRESET_CHOICES: readonly PresetChoice[] = [
  { name: 'lecture', label: 'Lecture: pinwheel β=0.25' },
  { name: 'mnist', label: 'MNIST digits (Bernoulli)' },
  { name: 'linear', label: 'Linear Gaussian (PPCA law)' },
];

/** The preset whose every setting `config` has, or null once the settings have left every preset. */
export function matchingPreset(config: ExperimentConfig): PresetName | null {
  return PRESET_CHOICES.find((c) => sameConfig(config, PRESETS[c.name]))?.name ?? null;
}

/** A fresh copy of a preset's configuration. */
export function presetConfig(name: PresetName): ExperimentConfig {
  return cloneConfig(PRESETS[name]);
}
