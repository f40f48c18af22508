/**
 * The lab's setup as a link and back (src/shared/setup-link.ts holds the format): what a teacher's
 * "Copy link" writes, and what opening such a link does before the first engine is configured.
 */
import { cloneConfig, PRESETS, type PresetName } from '../../../shared/config';
import { copyTable, type DataTable } from '../../../shared/data-table';
import { decodeSetup, encodeSetup, SETUP_LINK_KEY, setupCodeOf, type Setup } from '../../../shared/setup-link';
import type { UserSources } from '../state/data-sources';
import type { Lab } from '../state/lab.svelte';
import { embeddedToPoints, pointsToEmbedded } from '../state/session-build';

/** The setup on screen: the edited settings, the last preset chosen, the hidden controls, the user's points. */
export function currentSetup(lab: Lab): Setup {
  const config = cloneConfig(lab.config);
  return { config, classroom: lab.classroom.record(lab.preset), data: userData(lab) };
}

function userData(lab: Lab): DataTable | null {
  const kind = lab.config.dataset.kind;
  if (kind === 'points') return (lab.sources.points?.length ?? 0) > 0 ? pointsToEmbedded(lab.sources.points!) : null;
  if (kind !== 'csv') return null;
  const table = lab.dataset?.table ?? lab.sources.table;
  return table ? copyTable(table) : null;
}

export interface SetupLink {
  url: string;
  /** The drawn or imported points were too many for a link: whoever opens it must add them again. */
  dataLeftOut: boolean;
}

/** A link to this page that opens `setup`. */
export function setupLink(setup: Setup, page: { origin: string; pathname: string; search: string }): SetupLink {
  const { code, dataLeftOut } = encodeSetup(setup);
  return { url: `${page.origin}${page.pathname}${page.search}#${SETUP_LINK_KEY}=${code}`, dataLeftOut };
}

/**
 * Open the setup of a page hash in the lab (before it starts): its settings, points, preset and hidden
 * controls. Says whether the hash had none, a setup now open, or one refused; what to tell the user is
 * left in `lab.notice`. A refused link leaves the lab as it was.
 */
export function openSetupLink(lab: Lab, hash: string): 'none' | 'opened' | 'refused' {
  const code = setupCodeOf(hash);
  if (code === null) return 'none';
  let setup: Setup;
  try {
    setup = decodeSetup(code);
  } catch (e) {
    lab.notice = `The setup link could not be read (${(e as Error).message}). The lab opened with its usual settings.`;
    return 'refused';
  }
  lab.config = setup.config;
  lab.sources = sourcesOf(setup);
  if (setup.classroom.preset !== null && Object.hasOwn(PRESETS, setup.classroom.preset))
    lab.preset = setup.classroom.preset as PresetName;
  lab.classroom.restore(setup.classroom);
  const kind = setup.config.dataset.kind;
  const missing =
    setup.data === null && (kind === 'points' || kind === 'csv')
      ? kind === 'points'
        ? ' The drawn points were too many for the link: draw them again.'
        : ' The CSV data was too large for the link: import the file again.'
      : '';
  lab.notice = `Opened the setup from the link.${missing}`;
  return 'opened';
}

function sourcesOf(setup: Setup): UserSources {
  const e = setup.data;
  if (e === null) return {};
  return setup.config.dataset.kind === 'points' ? { points: embeddedToPoints(e) } : { table: e };
}
