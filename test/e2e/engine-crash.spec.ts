/** The engine dies mid-run: the user sees why, restarts it, and training goes on from the last checkpoint. */
import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

test('a crashed engine shows an alert; Restart brings training back from the last checkpoint', async ({ page }) => {
  const workerStarted = page.waitForEvent('worker');
  const lab = new LabPage(page);
  await lab.open();
  const worker = await workerStarted;

  // Enough epochs that the run cannot finish before the test pauses it, however slow the machine.
  const epochs = page.getByRole('textbox', { name: 'Epochs value' });
  await epochs.fill('20000');
  await epochs.press('Enter');
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+20000/);
  await lab.speed.selectOption({ label: '50 epochs/s' });
  await lab.button('Train').click();
  // 50 epochs/s and a checkpoint every 2 s: past epoch 150 at least one checkpoint exists.
  await lab.waitForEpochAbove(150);

  // Crash the real engine: an uncaught error inside the worker, as a bug in it would throw.
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('engine crashed on purpose by the test');
    }, 0);
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The training engine stopped (worker error');
  await expect(alert).toContainText('engine crashed on purpose by the test');
  await expect(lab.status).toHaveText('engine stopped');
  const atCrash = (await lab.epoch()).done;
  await expect(lab.button('Train')).toBeDisabled();
  await page.screenshot({ path: `${SCREENSHOTS}/engine-stopped.png` });
  // Nothing trains any more.
  await page.waitForTimeout(300);
  expect((await lab.epoch()).done).toBe(atCrash);

  await lab.button('Restart engine').click();
  await expect(alert).toBeHidden();
  const notice = page.getByText(/training continues from epoch (\d+)/);
  await expect(notice).toBeVisible();
  const resumedFrom = Number(/from epoch (\d+)/.exec(await notice.innerText())?.[1]);
  expect(resumedFrom).toBeGreaterThan(0);
  expect(resumedFrom).toBeLessThanOrEqual(atCrash);

  await expect(lab.status).toHaveText('running');
  await lab.waitForEpochAbove(atCrash + 20);
  // The history from before the crash is kept: the table still starts at epoch 1.
  expect((await lab.lossRow('first')).epoch).toBe(1);
  // The chart redraws at most every 200 ms: wait for it, not for a time.
  await expect.poll(async () => (await lab.plotted()).epochs).toBeGreaterThan(atCrash);
  const plotted = await lab.plotted();
  expect(plotted.lastTotal).toBeLessThan(plotted.firstTotal);
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');
});
