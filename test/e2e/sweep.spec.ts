import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

test('a β sweep over 6 values on the lecture preset: 6 points on the R–D plane, collapse falls, a run opens in the lab', async ({
  page,
}) => {
  test.setTimeout(1_200_000);
  const lab = new LabPage(page);
  await lab.open();
  // σ² 1: βσ² sweeps from 0.01 to 16, across both eigenvalues of the data (at σ² 0.03 nothing collapses by β 16).
  const sigma = page.getByRole('textbox', { name: 'σ² (decoder variance) value' });
  await sigma.fill('1');
  await sigma.press('Enter');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await expect(page.getByRole('tab', { name: 'Sweep' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByRole('form', { name: 'New sweep' });
  await expect(form.getByLabel('Swept setting')).toHaveValue('beta');
  await expect(form.getByLabel('Values', { exact: true })).toHaveValue('0.01..16:6');
  await form.getByLabel('Epochs per run').fill('150');
  await form.getByLabel('Parallel runs').fill('2');
  // A bad value is named before anything trains.
  await form.getByLabel('Values', { exact: true }).fill('0.1,abc');
  await expect(form.getByRole('alert')).toHaveText(/“abc” is not a number/);
  await expect(form.getByRole('button', { name: /Start sweep/ })).toBeDisabled();
  await form.getByLabel('Values', { exact: true }).fill('0.01..16:6');
  await form.getByRole('button', { name: 'Start sweep (6 runs)' }).click();

  const table = page.getByRole('table');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(page.getByRole('progressbar', { name: /^Run 1 \(β=0\.01\)/ })).toBeVisible();
  await expect(table.locator('tbody tr[data-status="done"]')).toHaveCount(6, { timeout: 540_000 });
  await expect(page.getByRole('status').filter({ hasText: '6 runs over β: 6 finished' })).toBeVisible();

  const plane = page.getByRole('img', { name: /^Rate–distortion plane of the sweep/ }).locator('canvas');
  await expect(plane).toHaveAttribute('data-points', '6');
  expect(Number(await plane.getAttribute('data-frontier'))).toBeGreaterThan(0);

  const collapse = page.getByRole('img', { name: /^Collapse diagram/ }).locator('canvas');
  await expect(collapse).toHaveAttribute('data-columns', '6');
  const active = (await collapse.getAttribute('data-active'))!.split(',').map(Number);
  expect(active).toHaveLength(6);
  // Active units fall as β rises: both dimensions in use at β = 0.01, none at β = 16.
  expect(active[0]).toBe(2);
  for (let i = 1; i < 6; i++) expect(active[i]).toBeLessThanOrEqual(active[i - 1]);
  expect(active[5]).toBe(0);
  await page.getByRole('heading', { name: 'Runs and final metrics' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/sweep-done.png`, fullPage: true });

  // Sorting by active units puts the collapsed runs first.
  await table.getByRole('button', { name: 'active units' }).click();
  await expect(table.locator('tbody tr').first().locator('td').nth(7)).toHaveText('0');

  await page.getByRole('button', { name: 'Open run 2 (β=0.0437345) in the lab' }).click();
  // Should the page ask about unsaved work in the lab first, the answer is not to keep it.
  const dontSave = page
    .getByRole('alertdialog', { name: 'Unsaved changes' })
    .getByRole('button', { name: 'Don’t save' });
  const labShown = page.locator('[role="tab"][aria-selected="true"]', { hasText: 'Lab' });
  await expect(dontSave.or(labShown)).toBeVisible();
  if (await dontSave.isVisible()) await dontSave.click();
  await expect(page.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/Opened “pinwheel sweep β=0\.0437345” at epoch 150/)).toBeVisible();
  expect((await lab.epoch()).done).toBe(150);
  // A new session under the run's name, marked unsaved (•): nothing on disk is its file yet.
  await expect(page.getByRole('status', { name: 'Session name' })).toHaveText(/pinwheel sweep β=0\.0437345\s*•/);
  await expect(page.getByTitle('Unsaved changes')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/sweep-run-opened.png` });

  // Save the sweep in browser storage, reload the page and reopen it: the same runs and figures.
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const negElbo = await table.locator('tbody tr[data-run="3"] td').nth(4).innerText();
  await page.getByLabel('Sweep name').fill('β over the lecture data');
  await page.getByRole('button', { name: 'Save sweep' }).click();
  await expect(page.getByText('Saved sweep “β over the lecture data” (6 runs).')).toBeVisible();
  await page.reload();
  await expect(lab.status).toHaveText('ready');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByRole('button', { name: 'Open sweep β over the lecture data' }).click();
  await expect(table.locator('tbody tr[data-status="done"]')).toHaveCount(6);
  await expect(table.locator('tbody tr[data-run="3"] td').nth(4)).toHaveText(negElbo);
  await expect(plane).toHaveAttribute('data-points', '6');
  await expect(collapse).toHaveAttribute('data-active', active.join(','));
  await page.getByRole('heading', { name: 'Rate–distortion plane of the sweep' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/sweep-reopened.png`, fullPage: true });
  // The reloaded lab has nothing unsaved: the run opens at once.
  await page.getByRole('button', { name: 'Open run 6 (β=16) in the lab' }).click();
  await expect(page.getByText(/Opened “pinwheel sweep β=16” at epoch 150/)).toBeVisible();
});
