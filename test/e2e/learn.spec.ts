/**
 * The Learn view: reached from the tab list, one card per lecture section, the ELBO card's gap closing where q is
 * the exact posterior, and no accessibility violations axe can find.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

async function openLearn(page: Page): Promise<void> {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(page.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
}

test('the Learn tab shows one card per section, with typeset formulas and the lecture numbers', async ({ page }) => {
  await openLearn(page);
  const cards = page.locator('article[data-card]');
  await expect(cards).toHaveCount(12);
  await expect(page.getByRole('heading', { name: /Jensen's gap/ })).toBeVisible();
  await expect(page.locator('.katex').first()).toBeVisible();
  await expect(page.getByTestId('jensen-gap')).toHaveText(/gap exact = 0\.2468/);
  await expect(page.locator('[data-card=likelihood]')).toContainText('4.1574');
  // Back to the lab from the keyboard: the tabs follow the arrow keys.
  await page.getByRole('tab', { name: 'Learn' }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
  await expect(cards).toHaveCount(0);
});

test('on the ELBO card the gap closes where q equals the posterior', async ({ page }) => {
  test.setTimeout(180_000); // 130 key presses on a slow, shared machine
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLearn(page);
  const card = page.locator('[data-card=elbo]');
  const gap = card.getByTestId('elbo-gap');
  const read = async () => Number(await gap.getAttribute('data-gap'));
  const start = await read();
  expect(start).toBeGreaterThan(0.5);
  // The posterior of the card's model (w = 2, s² = 1, x = 2.5) has mean 1 and variance 0.2 (log −1.61).
  const mean = card.getByRole('slider', { name: 'mean of q' });
  const logVar = card.getByRole('slider', { name: 'log variance of q' });
  for (let i = 0; i < 50; i++) await mean.press('ArrowRight');
  await expect(mean).toHaveValue('1');
  for (let i = 0; i < 80; i++) await logVar.press('ArrowLeft');
  await expect(logVar).toHaveValue('-1.6');
  await expect.poll(read).toBeLessThan(1e-3);
  const atPosterior = await read();
  // One step away on either slider the gap is larger again: the minimum is at the posterior.
  await mean.press('ArrowRight');
  await expect.poll(read).toBeGreaterThan(atPosterior);
  await mean.press('ArrowLeft');
  await logVar.press('ArrowLeft');
  await expect.poll(read).toBeGreaterThan(atPosterior);
});

test('the step card takes one real training step apart, forward and back, and the lab moves by one step', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lab = new LabPage(page);
  await openLearn(page);
  const card = page.locator('[data-card=step]');
  await expect(card.getByTestId('step-where')).toContainText('No model is trained yet');
  await card.getByRole('button', { name: 'Take the step from the initial weights' }).click();
  const count = card.getByTestId('step-count');
  await expect(count).toHaveAttribute('data-step', '1');
  await expect(card.getByTestId('step-where')).toContainText('step 1 of 16 in epoch 1');
  const stage = card.getByTestId('step-stage');
  await expect(stage).toHaveAttribute('data-stage', '1');
  await expect(card.getByRole('img', { name: /encoder means with their σ/ })).toBeVisible();
  const ledger = card.getByTestId('step-ledger').locator('li');
  await expect(ledger).toHaveCount(1);
  await expect(ledger.first()).toContainText('for the 256 examples of the batch');
  // Forward through all seven stages with the keyboard, each adding its line to the ledger.
  const next = card.getByRole('button', { name: 'Next stage →' });
  await next.focus();
  for (let i = 2; i <= 7; i++) {
    await next.press('ArrowRight');
    await expect(stage).toHaveAttribute('data-stage', String(i));
    await expect(ledger).toHaveCount(i);
    await expect(card.locator('.ledger li.changed')).toHaveAttribute('data-stage', String(i));
    if (i === 5) {
      const recon = Number(await card.getByTestId('step-recon').innerText());
      const kl = Number(await card.getByTestId('step-kl').innerText());
      const loss = Number(await card.getByTestId('step-loss-value').innerText());
      // The lecture's β = 0.25, no free bits: loss = recon + β·KL (to the four digits shown).
      expect(Math.abs(recon + 0.25 * kl - loss)).toBeLessThan(2e-3 * loss);
      await page.screenshot({ path: `${SCREENSHOTS}/learn-step-loss.png`, fullPage: false });
    }
    if (i === 6) {
      await expect(card.getByRole('table', { name: /per layer, before clipping/ })).toContainText('encoder.0');
      const grad = Number(await card.getByTestId('grad-decoder.1').innerText());
      expect(grad).toBeGreaterThan(0);
    }
  }
  await expect(card.getByRole('table', { name: 'The weight that moved most in each layer' })).toContainText(
    'decoder.1',
  );
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: `${SCREENSHOTS}/learn-step-update.png` });
  // …and back, with the buttons.
  const previous = card.getByRole('button', { name: '← Previous stage' });
  for (let i = 6; i >= 1; i--) {
    await previous.click();
    await expect(stage).toHaveAttribute('data-stage', String(i));
  }
  await expect(ledger).toHaveCount(1);
  await card.screenshot({ path: `${SCREENSHOTS}/learn-step-encode.png` });
  // The next step is step 2 of the run: one step, not an epoch.
  await card.getByRole('button', { name: 'Take one training step' }).click();
  await expect(count).toHaveAttribute('data-step', '2');
  await card.getByRole('button', { name: '3 z = μ + σ ⊙ ε' }).click();
  await expect(card.getByRole('img', { name: /z, moved from μ by σ ⊙ ε/ })).toBeVisible();
  await card.screenshot({ path: `${SCREENSHOTS}/learn-step-z.png` });
  // In the lab: still epoch 0 (2 of 16 steps), paused; 14 more steps finish epoch 1.
  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(lab.status).toHaveText('paused');
  expect((await lab.epoch()).done).toBe(0);
  await page.getByRole('tab', { name: 'Learn' }).click();
  const take = card.getByRole('button', { name: 'Take one training step' });
  for (let n = 3; n <= 16; n++) {
    await take.click();
    await expect(count).toHaveAttribute('data-step', String(n));
  }
  await expect(card.getByTestId('step-where')).toContainText('step 16 of 16 in epoch 1');
  await expect.poll(async () => (await lab.epoch()).done).toBe(1);
  // The generation card draws the lab's own model's prior samples, from the newest snapshot.
  const generation = page.locator('[data-card=generation]');
  await expect(generation.getByTestId('generation-source')).toContainText('The lab’s model at epoch 1');
  // The lecture's closing printout, redone on the lab's model, beside the lecture's own.
  await expect(generation.getByTestId('generation-closing')).toHaveText(
    /^sampled z\* = \[-?\d+\.\d{4}, -?\d+\.\d{4}\], decoded x\* = \[.*\], distance to the nearest training point = \d+\.\d{4}/,
  );
  await expect(generation).toContainText('lecture (its own trained model): z* = [0.0825, −0.4644]');
  await generation.scrollIntoViewIfNeeded();
  await generation.screenshot({ path: `${SCREENSHOTS}/learn-generation-live.png` });
  // So does the latent-variable card: p(x) as the mixture of the model's decoded Gaussians.
  const latentCard = page.locator('[data-card=latent]');
  await expect(latentCard.getByTestId('latent-model-source')).toContainText(/The lab’s model at epoch 1: .* M = \d+/);
  await expect(
    latentCard.getByRole('img', { name: /lab model's data density as a sum of decoded Gaussians/ }),
  ).toBeVisible();
  await latentCard.scrollIntoViewIfNeeded();
  await latentCard.screenshot({ path: `${SCREENSHOTS}/learn-latent-live.png` });
  await take.click();
  await expect(count).toHaveAttribute('data-step', '17');
  await card.getByRole('button', { name: '4 Decode' }).click();
  await expect(card.getByRole('img', { name: /each x joined to its decoding/ })).toBeVisible();
  await card.screenshot({ path: `${SCREENSHOTS}/learn-step-decode.png` });
  const axe = await new AxeBuilder({ page })
    .include('[data-card=step]')
    .include('[data-card=generation]')
    .include('[data-card=latent]')
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Learn view has no accessibility violations axe can find (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000); // axe over twelve cards on a slow, shared machine
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openLearn(page);
    await expect(page.locator('article[data-card]')).toHaveCount(12);
    const result = await new AxeBuilder({ page }).analyze();
    const found = result.violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
    expect(found).toEqual([]);
  });
}

test('cards 5 and 12 on an MNIST lab model show its components and samples as images, and say why', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: 'MNIST digits (Bernoulli)' });
  await expect(lab.status).toHaveText('ready', { timeout: 120_000 });
  await page.getByRole('tab', { name: 'Learn' }).click();
  const latent = page.locator('[data-card=latent]');
  const source = latent.getByTestId('latent-model-source');
  await expect(source).toHaveAttribute('data-kind', 'images');
  await expect(source).toContainText('Π_d Bern(x_d; f_d(z_m))');
  await expect(source).toContainText('A 28×28 image is a point in 784 dimensions, too many to plot');
  await expect(
    latent.getByRole('img', { name: "Means f(z_m) of 16 of the lab model's mixture components, as images" }),
  ).toBeVisible();
  // The 1-D toy is still there, below.
  await expect(latent.getByRole('img', { name: 'The marginal density as a sum of decoded Gaussians' })).toBeVisible();
  await latent.scrollIntoViewIfNeeded();
  await latent.screenshot({ path: `${SCREENSHOTS}/learn-latent-mnist.png` });

  const generation = page.locator('[data-card=generation]');
  await expect(generation.getByTestId('generation-source')).toHaveAttribute('data-kind', 'images');
  await expect(generation.getByTestId('generation-source')).toContainText('decoded to 28×28 images');
  // Bernoulli: sharp 0/1 samples first; the box switches to the grey means.
  await expect(generation.getByRole('img', { name: '16 samples x ~ p(x | z) of prior draws z' })).toBeVisible();
  const mean = generation.getByRole('checkbox', { name: /show the decoder mean/ });
  await mean.focus();
  await page.keyboard.press('Space');
  await expect(mean).toBeChecked();
  await expect(generation.getByRole('img', { name: 'Decoder means f(z) of 16 prior draws z' })).toBeVisible();
  await generation.getByRole('slider', { name: 'images' }).press('ArrowRight');
  await expect(generation.getByRole('img', { name: 'Decoder means f(z) of 24 prior draws z' })).toBeVisible();
  await generation.scrollIntoViewIfNeeded();
  await generation.screenshot({ path: `${SCREENSHOTS}/learn-generation-mnist.png` });
  const axe = await new AxeBuilder({ page }).include('[data-card=latent]').include('[data-card=generation]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('card 5 on a learned-variance model draws component means and draws, and says why there are no circles', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: 'Learned decoder variance on a curve' });
  await expect(lab.status).toHaveText('ready');
  await page.getByRole('tab', { name: 'Learn' }).click();
  const latent = page.locator('[data-card=latent]');
  const source = latent.getByTestId('latent-model-source');
  await expect(source).toHaveAttribute('data-kind', 'means');
  await expect(source).toContainText('N(x; f(z_m), diag σ²(z_m))');
  await expect(source).toContainText('so no circles are drawn');
  await expect(latent.getByRole('img', { name: "The lab model's component means over its data" })).toBeVisible();
  await expect(latent.getByText('one draw x ~ p(x | z_m) of each')).toBeVisible();
  await expect(latent.getByText(/1σ circles/)).toHaveCount(0);
  await latent.scrollIntoViewIfNeeded();
  await latent.screenshot({ path: `${SCREENSHOTS}/learn-latent-learned-variance.png` });
});

test('every control on the Learn cards is reached by Tab, in order, and has an accessible name', async ({ page }) => {
  test.setTimeout(180_000);
  await openLearn(page);
  const controls = page.locator('article[data-card] :is(button, input, select, textarea)');
  const n = await controls.count();
  expect(n).toBeGreaterThan(30);
  for (let i = 0; i < n; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
  await controls.evaluateAll((els) => els.forEach((el, i) => el.setAttribute('data-tab-probe', String(i))));
  await controls.first().focus();
  const reached = [await page.evaluate(() => document.activeElement?.getAttribute('data-tab-probe'))];
  for (let i = 1; i < n; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.getAttribute('data-tab-probe')));
  }
  expect(reached).toEqual(Array.from({ length: n }, (_, i) => String(i)));
});
