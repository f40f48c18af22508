import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

test('a saved sweep is listed in the Sessions panel and reopens from it by keyboard, figures and all', async ({
  page,
}, info) => {
  test.setTimeout(600_000);
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const form = page.getByRole('form', { name: 'New sweep' });
  // Latent size 2 and 3: −log p(x) by quadrature for the first, the estimate −L_50 for the second.
  await form.getByLabel('Swept setting').selectOption('latent');
  await form.getByLabel('Values', { exact: true }).fill('2,3');
  await form.getByLabel('Epochs per run').fill('40');
  await form.getByLabel('Parallel runs').fill('2');
  await form.getByRole('button', { name: 'Start sweep (2 runs)' }).click();
  const table = page.getByRole('table').filter({ has: page.locator('tr[data-run]') });
  await expect(table.locator('tbody tr[data-status="done"]')).toHaveCount(2, { timeout: 400_000 });

  // I(x;z) with its standard error; −log p(x) exact for latent size 2, −L_50 ± se for 3.
  const cell = (run: number, metric: string) => table.locator(`tr[data-run="${run}"] td[data-metric="${metric}"]`);
  await expect(cell(1, 'mutualInfo')).toHaveText(/^\d+(\.\d+)? ± \d+\.\d+$/);
  await expect(cell(1, 'negLogPx')).toHaveText(/^−?\d+(\.\d+)?\s*exact$/);
  await expect(cell(2, 'negLogPx')).toHaveText(/^−?\d+(\.\d+)? ± \d+\.\d+\s*−L_50$/);
  await expect(cell(2, 'negElbo')).toHaveText(/ ± /);
  const before = await table.locator('tbody').innerText();

  await page.getByLabel('Sweep name').fill('two latents');
  await page.getByRole('button', { name: 'Save sweep' }).click();
  await expect(page.getByText('Saved sweep “two latents” (2 runs).')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/sweep-tab-saved.png` });
  await page
    .getByRole('region', { name: 'Runs and final metrics' })
    .screenshot({ path: `${SCREENSHOTS}/sweep-table-se.png` });

  // Export it as a file (the web build downloads it) for the import below.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export sweep two latents' }).click();
  const file = info.outputPath('two-latents.vaelab-sweep');
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'vae-lab-sweep', name: 'two latents' });

  // A session saved too, so the panel lists both kinds.
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Saved sessions' }).locator('tbody tr')).toHaveCount(1);

  // After a reload the Lab tab's Sessions panel lists the sweep, marked as one, with its run count.
  await page.reload();
  await expect(lab.status).toHaveText('ready');
  const sweeps = page.getByRole('table', { name: /^Saved sweeps/ });
  const row = sweeps.getByRole('row', { name: /two latents/ });
  await expect(row).toContainText('sweep');
  await expect(row).toContainText('2 runs');
  await expect(page.getByRole('table', { name: 'Saved sessions' }).locator('tbody tr')).toHaveCount(1);
  await sweeps.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/sessions-panel-sweep.png`, fullPage: true });

  // Open it by keyboard: it shows in the Sweep tab with the same runs and figures.
  const open = row.getByRole('button', { name: 'Open sweep two latents in the Sweep tab' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Sweep' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Sweep' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Opened sweep “two latents”.' })).toBeVisible();
  await expect(table.locator('tbody tr[data-status="done"]')).toHaveCount(2);
  expect(await table.locator('tbody').innerText()).toBe(before);

  // The exported file imports as a sweep of its own and shows the same figures.
  await page.getByLabel('Sweep file to import').setInputFiles(file);
  await expect(page.getByText('Imported sweep “two latents” (2 runs).')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Saved sweeps' }).getByRole('listitem')).toHaveCount(2);
  expect(await table.locator('tbody').innerText()).toBe(before);
  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(sweeps.locator('tbody tr')).toHaveCount(2);
});
