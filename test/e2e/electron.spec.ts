/**
 * The desktop app end to end: the built app starts, its page reaches the engine through the
 * preload's port, and training runs. Electron 42+ downloads its binary on first use, so this
 * test never asks `require('electron')` before it has seen the binary on disk: where Electron
 * is not installed (as on the build machines here) it skips and says why.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LabPage } from './lab-page';

const ROOT = resolve(__dirname, '..', '..');

/** The Electron executable if it is on disk, else why not (nothing is downloaded either way). */
function findElectron(): { path: string } | { missing: string } {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return {
      missing: `the Electron binary is not installed (${pathFile} is missing); run \`npm start\` once with a network connection to download it`,
    };
  }
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
  const executable = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name)
    : join(dir, 'dist', name);
  if (!existsSync(executable))
    return { missing: `the Electron binary is not installed (${executable} does not exist)` };
  // Now that the file exists, require('electron') only returns its path (it would download otherwise).
  return { path: require('electron') as string };
}

const found = findElectron();
if ('missing' in found) console.log(`electron.spec.ts: Electron end-to-end skipped: ${found.missing}.`);

test.describe('desktop app', () => {
  test.skip('missing' in found, 'missing' in found ? `Electron end-to-end skipped: ${found.missing}.` : '');

  let app: ElectronApplication;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    if (!('path' in found)) return;
    app = await electron.launch({ executablePath: found.path, args: ['--no-sandbox', ROOT], cwd: ROOT });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('the built app opens the lab, uses the preload bridge and trains', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('VAE Lab');
    expect(await page.evaluate('typeof window.vaeLab')).toBe('object');
    // Sweeps are files through main in the app: the listing answers from the sweeps folder.
    expect(await page.evaluate('window.vaeLab.sweeps.list().then((r) => r.ok)')).toBe(true);
    const lab = new LabPage(page);
    await expect(lab.status).toHaveText('ready', { timeout: 30_000 });
    await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+800/);
    await lab.speed.selectOption({ label: '50 epochs/s' });
    await lab.button('Train').click();
    await lab.waitForEpochAbove(20);
    await lab.button('Pause').click();
    await expect(lab.status).toHaveText('paused');
    const { done } = await lab.epoch();
    expect((await lab.lossRow('last')).epoch).toBe(done);
    expect((await lab.plotted()).lastTotal).toBeLessThan((await lab.plotted()).firstTotal);
    await page.screenshot({ path: 'test-results/screenshots/electron-paused.png' });
  });
});
