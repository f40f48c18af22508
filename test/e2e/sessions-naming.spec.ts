/**
 * Sessions that say what they are: Save As asks for a name; saved names are fixed and unique, so a
 * changed β never leaves two sessions with one name; a reload reopens the last session; the
 * compare table reads the on-screen labels.
 */
import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

test('Save As asks for a name, names stay unique, a reload reopens the session', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const name = page.getByRole('status', { name: 'Session name' });
  const list = page.getByRole('table', { name: 'Saved sessions' });
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);

  // Save As opens a dialog with the name field, suggesting the current name.
  await page.getByRole('button', { name: 'Save As…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Save As' });
  const field = dialog.getByRole('textbox', { name: 'Session name' });
  await expect(field).toHaveValue('pinwheel β=0.25');
  await expect(field).toBeFocused();
  await field.fill('');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await field.fill('my first run');
  await field.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(name).toHaveText('my first run');
  await expect(list.getByRole('button', { name: 'Open my first run' })).toBeVisible();

  // A reload reopens it, at its epoch, not a fresh session.
  await page.reload();
  await expect(name).toHaveText('my first run');
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);

  // A new session saved under its settings' name, then β changed: the saved name stays.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(name).toHaveText('pinwheel β=0.25');
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved “pinwheel β=0.25”' })).toBeVisible();
  const betaValue = page.getByRole('textbox', { name: 'β (KL weight) value' });
  await betaValue.fill('2');
  await betaValue.press('Enter');
  await expect(page.getByRole('slider', { name: 'β (KL weight)' })).toHaveAttribute('aria-valuetext', '2');
  await expect(name).toContainText('pinwheel β=0.25');

  // Another new session with the same settings' name is saved under a name of its own.
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  await page.keyboard.press('Control+s');
  await expect(name).toContainText('pinwheel β=0.25 (2)');
  // The list refreshes after the save has landed: wait for its rows, do not read them once.
  const names = async () =>
    (await list.locator('tbody tr').getByRole('rowheader').allInnerTexts()).map((t) => t.trim()).sort();
  await expect.poll(names).toEqual(['my first run', 'pinwheel β=0.25', 'pinwheel β=0.25 (2)']);

  // The compare table reads the labels of the settings, not their keys.
  await list.getByRole('checkbox', { name: 'Compare pinwheel β=0.25', exact: true }).check();
  await list.getByRole('checkbox', { name: 'Compare pinwheel β=0.25 (2)' }).check();
  const settings = page.getByRole('table', { name: 'Settings side by side' });
  const beta = settings.getByRole('row', { name: /^β \(KL weight\)/ });
  await expect(beta).toContainText('2');
  await expect(beta.getByLabel('differs')).toBeVisible();
  await expect(settings.getByRole('row', { name: /^Variance floor/ })).toBeVisible();
  await expect(settings).not.toContainText('train.');
  await page.screenshot({ path: `${SCREENSHOTS}/sessions.png`, fullPage: true });
});
