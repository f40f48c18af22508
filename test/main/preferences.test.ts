import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPreferences, quarantinePath } from '../../src/main/preferences';

interface Prefs {
  window: { width: number; height: number };
}

const DEFAULTS: Prefs = { window: { width: 1280, height: 800 } };
const NOW = new Date('2025-01-31T09:15:00.123Z');

let dir: string;
let file: string;
// conf (what electron-store extends) on a real file, as openPreferenceStore uses it.
const create = () => new Conf<Prefs>({ cwd: dir, configName: 'preferences', defaults: DEFAULTS });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vae-lab-prefs-'));
  file = join(dir, 'preferences.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openPreferences', () => {
  it('opens a valid file and keeps its values', () => {
    writeFileSync(file, JSON.stringify({ window: { width: 900, height: 700 } }));
    const { store, quarantinedTo } = openPreferences(create, file, () => NOW);
    expect(quarantinedTo).toBeNull();
    expect(store.get('window')).toEqual({ width: 900, height: 700 });
  });

  it('starts with defaults when there is no file', () => {
    const { store, quarantinedTo } = openPreferences(create, file, () => NOW);
    expect(quarantinedTo).toBeNull();
    expect(store.get('window')).toEqual(DEFAULTS.window);
  });

  it('moves a corrupt file aside, keeps its bytes, and starts with working defaults', () => {
    writeFileSync(file, '{"window": {"width": 9');
    expect(() => create()).toThrow(); // conf alone refuses to start
    const { store, quarantinedTo } = openPreferences(create, file, () => NOW);
    expect(quarantinedTo).toBe(join(dir, 'preferences.json.corrupt-2025-01-31T09-15-00-123Z'));
    expect(readFileSync(quarantinedTo!, 'utf8')).toBe('{"window": {"width": 9');
    expect(store.get('window')).toEqual(DEFAULTS.window);

    store.set('window', { width: 1000, height: 600 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ window: { width: 1000, height: 600 } });
    expect(readdirSync(dir).sort()).toEqual(['preferences.json', 'preferences.json.corrupt-2025-01-31T09-15-00-123Z']);
  });

  it('rethrows errors that are not about an existing file', () => {
    const failing = () => {
      throw new Error('no permission');
    };
    expect(() => openPreferences(failing, file, () => NOW)).toThrow('no permission');
    expect(existsSync(file)).toBe(false);
  });
});

describe('quarantinePath', () => {
  it('appends a colon-free timestamp', () => {
    expect(quarantinePath('/u/prefs.json', NOW)).toBe('/u/prefs.json.corrupt-2025-01-31T09-15-00-123Z');
  });
});
