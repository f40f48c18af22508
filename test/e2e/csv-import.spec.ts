/**
 * Import CSV opens a dialog that previews the file: a text column "c0…" is offered as the label,
 * picking it imports the classes (the latent map's colour key names them); a file with bad cells
 * lists them all (first 20, then a count) and keeps the dialog open with the user's choices.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

/** No header; column 1 holds class names c0, c1, c2, the others numbers. */
const LABELLED = Array.from(
  { length: 60 },
  (_, i) => `c${i % 3},${(Math.cos(i) + (i % 3)).toFixed(3)},${(Math.sin(i) - (i % 3)).toFixed(3)}`,
).join('\n');
/** A header, then 30 rows with a bad cell in "y" and a short row. */
const BAD = [
  'x,y,kind',
  ...Array.from({ length: 30 }, (_, i) => `${i},${i % 2 === 0 ? `n/a` : i},k${i % 2}`),
  '7,8',
].join('\n');

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a text label column is offered, previewed with its role, and imported as classes', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await chooseFile(page, 'classes.csv', LABELLED);
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await expect(dialog).toContainText('classes.csv: 60 data rows, 3 columns; no header row.');
  const preview = dialog.getByRole('table', { name: /First 8 data rows/ });
  await expect(preview.locator('tbody tr')).toHaveCount(8);
  await expect(preview.getByRole('columnheader').first()).toContainText('feature, but holds text');
  await expect(dialog).toContainText(
    '“column 1” holds text, not numbers: choose it as the label column, or ignore it.',
  );
  // Focus is inside the dialog, and stays there.
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS}/csv-import-preview.png` });

  const label = dialog.getByRole('combobox', { name: 'Label column' });
  await expect(label.locator('option')).toHaveText(['none', 'column 1 (text)', 'column 2', 'column 3']);
  await label.selectOption({ label: 'column 1 (text)' });
  await expect(preview.getByRole('columnheader').first()).toContainText('label');
  await expect(preview.getByRole('columnheader').nth(1)).toContainText('feature (number)');
  await dialog.getByRole('checkbox', { name: 'Scale columns to [0, 1] (min–max)' }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('csv');
  await expect(
    page.getByRole('img', { name: /^Dataset preview: 60 training points, 2 dimensions, 3 classes/ }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Colour key' }).getByRole('listitem')).toHaveText(['c0', 'c1', 'c2']);
  // Scaled to [0, 1], the data suits a Bernoulli decoder: the choice is no longer refused.
  await expect(page.getByRole('checkbox', { name: 'Scale columns to [0, 1] (min–max)' })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Bernoulli/ })).toBeEnabled();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
});

test('bad cells are all listed, and a failed import keeps the dialog and the choices', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await chooseFile(page, 'bad.csv', BAD);
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await dialog.getByRole('combobox', { name: 'Label column' }).selectOption({ label: 'kind (text)' });
  await dialog.getByRole('combobox', { name: 'Delimiter' }).selectOption('comma');
  await dialog.getByRole('checkbox', { name: 'Standardise columns (zero mean, unit variance)' }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const problems = dialog.getByRole('alert', { name: 'Import problems' });
  await expect(problems).toContainText('The file cannot be imported: 16 problems.');
  const items = problems.getByRole('listitem');
  await expect(items).toHaveCount(16);
  await expect(items.first()).toHaveText('row 2, column 2 ("y"): "n/a" is not a number');
  await expect(items.last()).toHaveText('row 32, column 3 ("kind"): this row has 2 cells but row 1 has 3');
  await page.screenshot({ path: `${SCREENSHOTS}/csv-import-problems.png` });
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);

  // Still open, with every choice as the user left it; the lab keeps its dataset.
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Label column' })).toHaveValue('2');
  await expect(dialog.getByRole('combobox', { name: 'Delimiter' })).toHaveValue('comma');
  await expect(dialog.getByRole('checkbox', { name: 'Standardise columns (zero mean, unit variance)' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('pinwheel');

  // Ignoring "y" leaves only the short row; Escape cancels.
  await dialog.getByRole('checkbox', { name: 'Ignore column y' }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'The file cannot be imported: row 32, column 3 ("kind"): this row has 2 cells but row 1 has 3',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('pinwheel');
});

test('more than 20 bad cells: the first 20 and a count of the rest', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const rows = ['a,b', ...Array.from({ length: 45 }, (_, i) => `${i},x${i}`)].join('\n');
  await chooseFile(page, 'many.csv', rows);
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const problems = dialog.getByRole('alert', { name: 'Import problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(20);
  await expect(problems).toContainText('… and 25 more.');
});
