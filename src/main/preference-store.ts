import { join } from 'node:path';
import Store from 'electron-store';
import { openPreferences } from './preferences';
import { DEFAULT_WINDOW_STATE, type WindowState } from './window-state';

/** Small preferences only; sessions have their own files and writer. */
export interface Preferences {
  window: WindowState;
  /** Session files the user opened or saved with a dialog, newest first. */
  recentSessions: string[];
  /** Seconds between autosaves of the open session (0 = off). */
  autosaveSeconds: number;
}

const PREFERENCES_NAME = 'preferences';

/** The user's preferences from `<userData>/preferences.json`; a corrupt file is quarantined. */
export function openPreferenceStore(userData: string): Store<Preferences> {
  const filePath = join(userData, `${PREFERENCES_NAME}.json`);
  const create = () =>
    new Store<Preferences>({
      name: PREFERENCES_NAME,
      cwd: userData,
      defaults: { window: DEFAULT_WINDOW_STATE, recentSessions: [], autosaveSeconds: 60 },
    });
  const { store, quarantinedTo } = openPreferences(create, filePath);
  if (quarantinedTo !== null)
    console.warn(`VAE Lab: preferences were unreadable; moved to ${quarantinedTo} and started with defaults.`);
  return store;
}
