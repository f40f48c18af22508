/**
 * What a lesson keeps besides the experiment: the preset it was built from and the panels, controls
 * and views hidden for it (docs/ARCHITECTURE.md, Classroom). It travels in session files (the
 * optional `classroom` field) and in setup links. Ids: `panel:<name>` for a sidebar panel, a setting's
 * path (`train.beta`) for its control, `view:<id>` for a view of the main area.
 */
import { PANELS, SETTING_ROWS } from './settings';

export interface Classroom {
  /** The preset the setup was built from, by name, or null for a custom one. */
  preset: string | null;
  /** Ids of the hidden panels, controls and views, in no particular order. */
  hidden: string[];
}

/** The views of the lab's main area, by the id of their frame. */
export const VIEW_IDS = [
  'latent',
  'data-space',
  'curves',
  'collapse',
  'spectrum',
  'rate-distortion',
  'diagnostics',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Everything that can be hidden for a lesson. */
export const HIDEABLE_IDS: readonly string[] = [
  ...PANELS.map((p) => `panel:${p}`),
  ...SETTING_ROWS.map((r) => r.path),
  'dataset.import',
  ...VIEW_IDS.map((v) => `view:${v}`),
];

export const CLASSROOM_LIMITS = { preset: 64 } as const;

export const NO_CLASSROOM: Classroom = { preset: null, hidden: [] };
