import { existsSync, renameSync } from 'node:fs';

export interface OpenedPreferences<T> {
  store: T;
  /** Where a corrupt preferences file was moved, or null when none was. */
  quarantinedTo: string | null;
}

/** `prefs.json` → `prefs.json.corrupt-2025-01-31T09-15-00-000Z` (no ':' so Windows accepts it). */
export function quarantinePath(filePath: string, now: Date): string {
  return `${filePath}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Open a preferences store with `create` (e.g. `new Store(...)`, which throws on unparsable JSON
 * or a schema violation). On failure the file at `filePath` is moved aside, not deleted, and a
 * fresh store with defaults is created: broken preferences must never stop the app. Errors that
 * are not about the file (it does not exist, or cannot be moved) are rethrown.
 */
export function openPreferences<T>(
  create: () => T,
  filePath: string,
  now: () => Date = () => new Date(),
): OpenedPreferences<T> {
  try {
    return { store: create(), quarantinedTo: null };
  } catch (error) {
    if (!existsSync(filePath)) throw error;
    const target = quarantinePath(filePath, now());
    renameSync(filePath, target);
    return { store: create(), quarantinedTo: target };
  }
}
