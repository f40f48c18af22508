/**
 * The loss chart at the lecture defaults: the linear axis fits the run, not epoch 1's loss; a live β
 * change is ticked and labelled on the curves; the whole range is one switch away.
 */
import { expect, test } from '@playwright/test';
import { LabPage, LECTURE, SCREENSHOTS } from './lab-page';

test('the loss axis fits the run after epoch 1, a live β change is marked, and "Whole range" shows epoch 1', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const canvas = lab.chart.locator('canvas');
  const yMax = async () => Number(await canvas.getAttribute('data-y-max'));

  // Room for the β change before the run ends.
  const epochs = page.getByRole('textbox', { name: 'Epochs value' });
  await epochs.fill('5000');
  await epochs.press('Enter');
  await lab.button('Train').click();
  await lab.waitForEpochAbove(30, 90_000);
  await expect.poll(async () => (await lab.plotted()).epochs, { timeout: 30_000 }).toBeGreaterThan(30);
  await expect(canvas).toHaveAttribute('data-y-range', 'robust');
  // Past 40 epochs the curves are lines only: the first epochs' dots are not drawn on every point.
  await expect(canvas).toHaveAttribute('data-point-radius', '0');
  // Epoch 1 (about 111 nats) runs off the top; the latest total is inside the axis.
  const { firstTotal } = await lab.plotted();
  await expect.poll(yMax).toBeLessThan(firstTotal / 2);
  await expect.poll(async () => (await yMax()) > (await lab.plotted()).lastTotal).toBe(true);

  // A live β change while it trains: a labelled tick, and the axis is not flattened by the spike.
  const beta = page.getByRole('textbox', { name: 'β (KL weight) value' });
  await beta.fill('5');
  await beta.press('Enter');
  const changedAt = (await lab.epoch()).done;
  await lab.waitForEpochAbove(changedAt + 20, 90_000);
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused', { timeout: 30_000 });
  await expect.poll(async () => await canvas.getAttribute('data-marks')).toMatch(/^\d+: β 0\.25 → 5$/);
  await expect.poll(yMax).toBeLessThan(firstTotal / 2);
  await page
    .getByRole('region', { name: 'Loss per epoch' })
    .screenshot({ path: `${SCREENSHOTS}/loss-robust.png`, scale: 'device' });

  // The whole range includes epoch 1; log scale is the other way to see it all.
  await page.getByRole('checkbox', { name: 'Whole range' }).check();
  await expect(canvas).toHaveAttribute('data-y-range', 'whole');
  await expect.poll(yMax).toBeGreaterThanOrEqual(firstTotal);
  await page.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(canvas).toHaveAttribute('data-y-range', 'log');
  await expect(page.getByRole('checkbox', { name: 'Whole range' })).toBeDisabled();
});
