/** Sessions in the web build: import a CLI-made file, save/reload/reopen, compare, export. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeSession } from '../../src/shared/session-codec';
import { LabPage, SCREENSHOTS } from './lab-page';

const dir = mkdtempSync(join(tmpdir(), 'vae-lab-e2e-sessions-'));
const cliFile = join(dir, 'cli.vaelab');

test.beforeAll(() => {
  execFileSync(
    'npx',
    ['tsx', 'src/cli/index.ts', 'train', '--epochs', '30', '--out', cliFile, '--name', 'from the CLI'],
    { stdio: 'ignore' },
  );
});

test('sessions: a CLI session imports with its curves; save, reload, reopen; compare; export', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const lab = new LabPage(page);
  await lab.open();
  const cli = decodeSession(readFileSync(cliFile, 'utf8'), 'cli.vaelab').session;

  // 1. The command line's session opens through Import with its curves.
  await page.getByLabel('Import session file').setInputFiles(cliFile);
  await expect(page.getByRole('status', { name: 'Session name' })).toHaveText('from the CLI');
  await expect(lab.epochCounter).toHaveText(/epoch\s+30\s+\/\s+30/);
  await expect
    .poll(async () =>
      Number(
        await page
          .getByRole('img', { name: /^Loss curves/ })
          .first()
          .locator('canvas')
          .getAttribute('data-plotted-epochs'),
      ),
    )
    .toBe(30);
  const last = await lab.lossRow('last');
  expect(last.epoch).toBe(30);
  expect(last.total).toBeCloseTo(cli.history[29].loss, 1);
  // …and its latent map: the trained model's encoder means at epoch 30, five classes of the pinwheel.
  const views = page.getByRole('region', { name: 'Views' });
  const map = views.getByRole('application', { name: /^Latent map:/ });
  await expect(views.locator('figcaption', { hasText: 'points in' })).toHaveText(
    /^4000 points in 5 classes, epoch 30$/,
  );
  await expect(map.locator('canvas')).toHaveAttribute('data-classes', '5');
  await page.screenshot({ path: `${SCREENSHOTS}/sessions-imported.png`, fullPage: true });

  // 2. Train a little more on a fresh session, save it, reload, reopen it from the list.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\//);
  await lab.button('Step').click();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+2\s+\//);
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('at epoch 2');
  await expect(page.getByLabel('unsaved changes')).toHaveCount(0);
  const saved = await lab.lossRow('last');
  const name = await page.getByRole('status', { name: 'Session name' }).innerText();

  await page.reload();
  await expect(lab.status).toHaveText('ready');
  const list = page.getByRole('table', { name: 'Saved sessions' });
  await expect(list.getByRole('row')).toHaveCount(3); // header + two sessions
  await list.getByRole('button', { name: `Open ${name}` }).click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+2\s+\//);
  const reopened = await lab.lossRow('last');
  expect(reopened).toEqual(saved);

  // 3. Compare the two saved sessions: both appear in the legend, differing settings are marked.
  await list.getByRole('checkbox', { name: `Compare ${name}` }).check();
  await list.getByRole('checkbox', { name: 'Compare from the CLI' }).check();
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveText([name, 'from the CLI']);
  const settings = page.getByRole('table', { name: 'Settings side by side' });
  await expect(settings.getByRole('row', { name: /^Epochs/ })).toContainText('800');
  await expect(settings.getByRole('row', { name: /^Epochs/ })).toContainText('30');
  await expect(settings.getByRole('row', { name: /^Epochs/ }).getByLabel('differs')).toBeVisible();
  await page
    .getByRole('region', { name: 'Sessions', exact: true })
    .screenshot({ path: `${SCREENSHOTS}/sessions-compare.png` });

  // 4. Export downloads a .vaelab file the codec accepts.
  const download = page.waitForEvent('download');
  await list.getByRole('button', { name: 'Export from the CLI' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('from the CLI.vaelab');
  const exported = decodeSession(readFileSync(await file.path(), 'utf8'), 'export');
  expect(exported.session.history).toHaveLength(30);
  expect(exported.session.history[29].loss).toBe(cli.history[29].loss);
  expect(errors).toEqual([]);
});
