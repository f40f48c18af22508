/**
 * The control panels on the web build: CSV import with an error in its dialog, drawing points and
 * training on them, β pushed to its maximum while the lecture run trains (collapse), the
 * reset question for structural changes, and screenshots of the whole lab at 1280×800.
 */
import { expect, test, type Page } from '@playwright/test';
import { LabPage, LECTURE, MNIST, SCREENSHOTS } from './lab-page';

/** A CSV whose third spreadsheet row has text in the numeric column "y". */
const BAD_CSV = 'x,y\n0.5,1.5\n0.7,oops\n1.0,2.0\n';
const GOOD_CSV =
  'x,y,label\n' +
  Array.from({ length: 40 }, (_, i) => `${Math.cos(i / 3).toFixed(3)},${Math.sin(i / 3).toFixed(3)},${i % 2}`).join(
    '\n',
  ) +
  '\n';

function datasetPanel(page: Page) {
  return page.getByRole('region', { name: 'Dataset' });
}

/** Types a number of epochs (a live setting) into its field. */
async function setEpochs(page: Page, n: number): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Epochs value' });
  await field.fill(String(n));
  await field.press('Enter');
  await expect(field).toHaveValue(String(n));
}

/** Drops a file on the Dataset panel the way a browser does (a drop event carrying a DataTransfer). */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  // A string, run in the page: the tests compile without the DOM library.
  const transfer = await page.evaluateHandle(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/csv' })); return dt; })()`,
  );
  await datasetPanel(page).dispatchEvent('drop', { dataTransfer: transfer });
}

test('a CSV with a bad cell shows the row and column in the import dialog; the previous dataset stays; a good one dropped on the panel loads', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  const kind = page.getByRole('combobox', { name: 'Dataset', exact: true });
  await expect(kind).toHaveValue('pinwheel');

  await datasetPanel(page)
    .locator('input[type="file"]')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  const importDialog = page.getByRole('dialog', { name: 'Import CSV' });
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  const alert = importDialog.getByRole('alert');
  await expect(alert).toContainText('row 3');
  await expect(alert).toContainText('column 2');
  await expect(alert).toContainText('"y"');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-csv-error.png` });
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(importDialog).toBeHidden();
  // The pinwheel job is rebuilt and still trains.
  await expect(kind).toHaveValue('pinwheel');
  await expect(lab.status).toHaveText('ready');
  await expect(page.getByRole('img', { name: /^Dataset preview: 4000 training points/ })).toBeVisible();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\/\s+800/);

  // Training has started, so a new dataset asks first.
  await dropFile(page, 'circle.csv', GOOD_CSV);
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Start training again?' });
  await expect(dialog).toContainText('Changing the dataset starts training again from epoch 0. Continue?');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(alert).toHaveCount(0);
  await expect(kind).toHaveValue('csv');
  await expect(
    page.getByRole('img', { name: /^Dataset preview: 40 training points, 3 dimensions, 0 classes/ }),
  ).toBeVisible();
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+800/);
  // Naming the label column turns the third column into classes (at epoch 0: rebuilt without asking).
  await page.getByRole('textbox', { name: 'Label column' }).fill('label');
  await page.getByRole('textbox', { name: 'Label column' }).press('Enter');
  await expect(
    page.getByRole('img', { name: /^Dataset preview: 40 training points, 2 dimensions, 2 classes/ }),
  ).toBeVisible();
  await expect(dialog).toBeHidden();
});

test('points drawn on the canvas train: the counter passes 20 and the loss falls', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({ label: 'Drawn points' });
  await expect(datasetPanel(page)).toContainText('Draw at least 2 points');
  await expect(lab.button('Train')).toBeDisabled();

  const pad = page.getByRole('application', { name: /^Drawing canvas/ });
  const box = await pad.locator('canvas').boundingBox();
  if (box === null) throw new Error('the drawing canvas is not visible');
  // Two blobs of two classes: clicks at a quarter and three quarters of the way across.
  for (const [cls, fx, fy] of [
    [0, 0.25, 0.3],
    [0, 0.3, 0.25],
    [0, 0.22, 0.22],
    [1, 0.75, 0.7],
    [1, 0.7, 0.75],
    [1, 0.78, 0.78],
  ] as const) {
    await page.getByRole('radio', { name: new RegExp(`^Class ${cls}`) }).check();
    await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
  }
  await expect(datasetPanel(page)).toContainText('24 points drawn');
  await expect(lab.status).toHaveText('ready');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-drawn-points.png` });

  await setEpochs(page, 20000);
  // Slow enough that Pause comes soon after epoch 20 (tiny data trains 1 step per epoch).
  await lab.speed.selectOption({ label: '50 epochs/s' });
  await lab.button('Train').click();
  await lab.waitForEpochAbove(20);
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');
  const first = await lab.lossRow('first');
  const last = await lab.lossRow('last');
  expect(first.epoch).toBe(1);
  expect(last.epoch).toBeGreaterThan(20);
  expect(last.total).toBeLessThan(first.total);
});

test('β at its maximum while the lecture run trains: the active units fall to 0 and the collapse note appears', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const beta = page.getByRole('slider', { name: 'β (KL weight)' });
  await expect(beta).toHaveAccessibleDescription(/Live: takes effect at the next training step/);
  // Enough epochs that the run is still going when β moves.
  await setEpochs(page, 20000);
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+20000/);
  await lab.speed.selectOption({ label: '200 epochs/s' });
  await lab.button('Train').click();
  await lab.waitForEpochAbove(30);
  const units = page.getByRole('status', { name: 'Active units' });
  await expect(units).toHaveText('2');
  // The same at a glance beside the β slider.
  const glance = page.getByRole('group', { name: 'Latent use at a glance' });
  await expect(glance).toContainText('2 of 2 latent units active');
  await expect(glance.getByRole('listitem')).toHaveCount(2);

  await beta.focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('textbox', { name: 'β (KL weight) value' })).toHaveValue('1000');
  await expect(lab.status).toHaveText('running');
  await expect(units).toHaveText('0', { timeout: 60_000 });
  const note = page.getByRole('status', { name: 'Collapse' });
  await expect(note).toContainText(/collapsed/);
  await expect(note).not.toContainText(/^No dimension/);
  await expect(glance).toContainText('0 of 2 latent units active — the whole latent has collapsed');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-collapse.png` });
  await lab.button('Pause').click();
});

test('typed values are checked against the limits; a structural change asks, Cancel keeps the run', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  const betaValue = page.getByRole('textbox', { name: 'β (KL weight) value' });
  await betaValue.fill('5000');
  await betaValue.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'out of range' })).toContainText(
    '5000 is out of range: enter a number from 0 to 1000.',
  );
  await betaValue.fill('2');
  await betaValue.press('Enter');
  await expect(page.getByRole('slider', { name: 'β (KL weight)' })).toHaveAttribute('aria-valuetext', '2');

  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  const latent = page.getByRole('textbox', { name: 'Latent size value' });
  await latent.fill('3');
  await latent.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Start training again?' });
  await expect(dialog).toContainText('Changing the latent size starts training again from epoch 0. Continue?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(latent).toHaveValue('2');
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);

  await latent.fill('3');
  await latent.press('Enter');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\//);
  await expect(latent).toHaveValue('3');
});

test('the Preset box shows the preset the settings match: Custom once they leave it, the old one after a Cancel', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  const shown = lab.preset.locator('option:checked');
  await expect(shown).toHaveText(LECTURE);

  // A live change leaves the preset; choosing it again brings its settings back.
  await page.getByRole('slider', { name: 'β (KL weight)' }).press('ArrowRight');
  await expect(shown).toHaveText('Custom');
  await lab.preset.selectOption({ label: LECTURE });
  await expect(shown).toHaveText(LECTURE);
  await expect(page.getByRole('textbox', { name: 'β (KL weight) value' })).toHaveValue('0.25');

  // After an epoch the other preset asks first; Cancel keeps the run and the box says so.
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  await lab.preset.selectOption({ label: MNIST });
  const dialog = page.getByRole('dialog', { name: 'Start training again?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(shown).toHaveText(LECTURE);

  // Another dataset is not the lecture's any more.
  await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({ label: 'Two moons' });
  await page.getByRole('dialog', { name: 'Start training again?' }).getByRole('button', { name: 'Continue' }).click();
  await expect(shown).toHaveText('Custom');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the whole lab at 1280×800 (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const lab = new LabPage(page);
    await lab.open();
    await setEpochs(page, 20000);
    await lab.speed.selectOption({ label: '200 epochs/s' });
    await lab.button('Train').click();
    await lab.waitForEpochAbove(40);
    await lab.button('Pause').click();
    await page.screenshot({ path: `${SCREENSHOTS}/panels-lab-${scheme}.png` });
    // The sidebar scrolls on its own; the page does not.
    const sidebar = page.getByRole('complementary', { name: 'Settings' });
    expect(await sidebar.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')).toBe(true);
    await sidebar.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: `${SCREENSHOTS}/panels-sidebar-end-${scheme}.png` });
  });
}
