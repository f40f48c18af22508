/** A user's path through the web build: choose a preset, train, watch the losses fall, pause, step. */
import { expect, test } from '@playwright/test';
import { LabPage, LECTURE, MNIST, SCREENSHOTS } from './lab-page';

test('the lecture preset trains: the epoch counter runs, the plotted total loss falls, Pause and Step work', async ({
  page,
}) => {
  // Console errors include Content-Security-Policy violations: the built page carries the app's CSP.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+800/);
  await expect(lab.button('Pause')).toBeDisabled();
  await expect(lab.losses).toContainText('No epoch trained yet.');
  // 50 epochs/s: the 800-epoch run cannot end before the test pauses it, however fast the machine.
  await lab.speed.selectOption({ label: '50 epochs/s' });

  await lab.button('Train').click();
  await expect(lab.status).toHaveText('running');
  await expect(lab.button('Train')).toBeDisabled();
  // The status tooltip names the kernels the engine runs on (Chromium validates relaxed SIMD)
  await expect(lab.status).toHaveAttribute('title', /^Kernels: relaxed-SIMD FMA, \d+ threads?( \(one thread: .+\))?$/);
  await lab.waitForEpochAbove(50);
  await page.screenshot({ path: `${SCREENSHOTS}/training-lecture.png` });

  // The chart and the table must show the loss falling from its first epoch (tens of nats).
  await expect.poll(async () => (await lab.plotted()).epochs).toBeGreaterThan(50);
  const plotted = await lab.plotted();
  expect(plotted.firstTotal).toBeGreaterThan(20);
  expect(plotted.firstTotal).toBeLessThan(200);
  expect(plotted.lastTotal).toBeLessThan(plotted.firstTotal / 2);
  const first = await lab.lossRow('first');
  expect(first.epoch).toBe(1);
  expect(first.total).toBeCloseTo(plotted.firstTotal, 1);

  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');
  const paused = await lab.epoch();
  expect(paused.of).toBe(800);
  expect(paused.done).toBeGreaterThan(50);
  const last = await lab.lossRow('last');
  expect(last.epoch).toBe(paused.done);
  expect(last.total).toBeLessThan(first.total / 2);
  await expect(lab.chart).toHaveAccessibleName(new RegExp(`over epochs 1 to ${paused.done}:`));

  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(new RegExp(`epoch\\s+${paused.done + 1}\\s+/\\s+800`));
  await expect(lab.status).toHaveText('paused');
  expect((await lab.lossRow('last')).epoch).toBe(paused.done + 1);
  // The chart redraws at most every 200 ms: wait for it, not for a time.
  await expect.poll(async () => (await lab.plotted()).epochs).toBe(paused.done + 1);

  await lab.button('Reset').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+800/);
  await expect(lab.losses).toContainText('No epoch trained yet.');
  await expect.poll(async () => (await lab.plotted()).epochs).toBe(0);
  expect(errors).toEqual([]);
});

test('the log-scale switch and the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed.selectOption({ label: '50 epochs/s' });
  await lab.button('Train').click();
  await lab.waitForEpochAbove(60);
  await page.getByLabel('Log scale').check();
  await expect(page.getByLabel('Log scale')).toBeChecked();
  await page.screenshot({ path: `${SCREENSHOTS}/training-dark-log.png` });
  const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
  expect(background).toBe('rgb(20, 23, 29)');
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');
});

test('every control works from the keyboard', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.focus();
  await page.keyboard.press('Tab');
  await expect(lab.speed).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(lab.button('Train')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lab.status).toHaveText('running');
  await page.keyboard.press('Tab');
  await expect(lab.button('Pause')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(lab.status).toHaveText('paused');
  const { done } = await lab.epoch();
  await page.keyboard.press('Tab');
  await expect(lab.button('Step')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lab.epochCounter).toHaveText(new RegExp(`epoch\\s+${done + 1}\\s+/`));
});

test('the MNIST preset loads the digits and trains one epoch', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByRole('status', { name: 'Session name' })).toHaveText(/^pinwheel β=0\.25/);
  await lab.preset.selectOption({ label: MNIST });
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+20/);
  // A session never saved is named after its settings.
  await expect(page.getByRole('status', { name: 'Session name' })).toHaveText(/^mnist β=1/);
  await expect(lab.status).toHaveText('ready');
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\/\s+20/, { timeout: 90_000 });
  const row = await lab.lossRow('last');
  expect(row.epoch).toBe(1);
  // 784·ln 2 ≈ 543 nats is what coin-flip pixels cost: one epoch must already beat it by far.
  expect(row.total).toBeGreaterThan(50);
  expect(row.total).toBeLessThan(300);
  expect(row.kl).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENSHOTS}/mnist-one-epoch.png` });
});

test('at a watching speed the page keeps up: past epoch 2,000 at 50 epochs/s, a β step and Pause still take effect', async ({
  page,
}) => {
  // 2,000 epochs at 50 epochs/s take 40 s; a slow, busy machine gets room to spare.
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  await lab.open();
  const epochs = page.getByRole('textbox', { name: 'Epochs value' });
  await epochs.fill('5000');
  await epochs.press('Enter');
  await lab.speed.selectOption({ label: '50 epochs/s' });
  await lab.button('Train').click();
  await lab.waitForEpochAbove(2000, 180_000);
  const beta = page.getByRole('slider', { name: 'β (KL weight)' });
  const betaValue = page.getByRole('textbox', { name: 'β (KL weight) value' });
  const before = await betaValue.inputValue();
  await beta.press('ArrowRight');
  await expect(betaValue).not.toHaveValue(before);
  await expect(lab.status).toHaveText('running');
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');
  const paused = await lab.epoch();
  expect(paused.done).toBeGreaterThan(2000);
  expect(paused.done).toBeLessThan(5000);
});
