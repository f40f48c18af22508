import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(__dirname, '../../scripts/ensure-electron.cjs');

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A project folder whose Electron package has no binary and whose installer fails as offline. */
function offlineProject(): string {
  dir = mkdtempSync(join(tmpdir(), 'vae-lab-ensure-'));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  writeFileSync(join(electron, 'install.js'), "console.error('TypeError: fetch failed'); process.exit(1);\n");
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(SCRIPT, join(dir, 'scripts', 'ensure-electron.cjs'));
  return dir;
}

describe('npm start without the Electron download', () => {
  it('says why it stopped and points to the web build', () => {
    const project = offlineProject();
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const result = spawnSync(process.execPath, [join(project, 'scripts', 'ensure-electron.cjs')], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('downloading it failed (TypeError: fetch failed)');
    expect(result.stderr).toContain('`npm run web`');
    expect(result.stderr).toContain('http://127.0.0.1:5173');
    expect(result.stderr).toContain('preview:web');
  });
});
