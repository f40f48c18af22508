/**
 * The phenomena presets: each, chosen from the preset menu (two from their Learn cards), trains to its stated
 * epoch and its check, reading the live numbers, says the expected effect appeared.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

const FROM_MENU = [
  { label: 'Posterior collapse by β', passed: /2 → 0 active units, KL 0\.\d+ nats: collapsed, as predicted\./ },
  { label: 'Collapse by decoder variance σ²', passed: /2 → 1 active unit; the law predicts 1 .*: as predicted\./ },
  { label: 'The linear VAE as probabilistic PCA', passed: /: probabilistic PCA, as predicted\./ },
  { label: 'The β-VAE trade-off', passed: /: less rate for more distortion, as predicted\./ },
  { label: 'Blurry means from a Gaussian decoder on MNIST', passed: /: blurred means, as predicted\./ },
  { label: 'KL warm-up on', passed: /: the latent was used first and squeezed later, as predicted\./ },
  { label: 'KL warm-up off', passed: /: no large overshoot without warm-up\./ },
  { label: 'Learned decoder variance on a curve', passed: /the variance fell and one latent is sharp, as predicted\./ },
];

/** Trains until the check has judged (it waits on the check's state, never on time) and asserts it passed. */
async function trainToCheck(page: Page, lab: LabPage, passed: RegExp, shot: string): Promise<void> {
  const callout = page.getByRole('region', { name: /^What to watch for/ });
  const check = callout.getByRole('status', { name: 'Phenomenon check' });
  await expect(check).toHaveAttribute('data-state', 'training', { timeout: 120_000 });
  await expect(lab.button('Train')).toBeEnabled({ timeout: 120_000 });
  await lab.button('Train').click();
  await expect(check).not.toHaveAttribute('data-state', 'training', { timeout: 600_000 });
  await expect(check).toHaveAttribute('data-state', 'passed');
  await expect(check).toHaveText(passed);
  await expect(check).toContainText('Check passed:');
  await page.screenshot({ path: `${SCREENSHOTS}/phenomenon-${shot}.png` });
}

for (const { label, passed } of FROM_MENU) {
  test(`${label}: one click from the preset menu, and its check passes after training`, async ({ page }) => {
    test.setTimeout(720_000);
    const lab = new LabPage(page);
    await lab.open();
    await lab.preset.selectOption({ label });
    const callout = page.getByRole('region', { name: `What to watch for: ${label}` });
    await expect(callout).toBeVisible();
    await expect(lab.preset.locator('option:checked')).toHaveText(label);
    await trainToCheck(page, lab, passed, label.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase());
  });
}

for (const { card, title, passed } of [
  { card: 'kl', title: 'Free bits λ keeping a dimension alive', passed: /: kept alive, as predicted\./ },
  { card: 'generation', title: 'The lecture run', passed: /: the lecture’s numbers, within 20%\./ },
]) {
  test(`${title}: one click from its Learn card, and its check passes after training`, async ({ page }) => {
    test.setTimeout(720_000);
    const lab = new LabPage(page);
    await lab.open();
    await page.getByRole('tab', { name: 'Learn' }).click();
    const button = page.locator(`[data-card=${card}]`).getByRole('button', { name: `Try it in the lab: ${title}` });
    await button.scrollIntoViewIfNeeded();
    if (card === 'kl') await page.screenshot({ path: `${SCREENSHOTS}/phenomenon-learn-card.png` });
    await button.click();
    await expect(page.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: `What to watch for: ${title}` })).toBeVisible();
    await trainToCheck(page, lab, passed, card);
  });
}

test('the callout passes axe, is dismissed from the keyboard, and a plain preset shows none', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByRole('region', { name: /^What to watch for/ })).toHaveCount(0);
  await lab.preset.selectOption({ label: 'KL warm-up off' });
  await expect(page.getByRole('region', { name: 'What to watch for: KL warm-up off' })).toBeVisible();
  const found = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`);
  expect(found).toEqual([]);
  const dismiss = page.getByRole('button', { name: 'Dismiss what to watch for' });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^What to watch for/ })).toHaveCount(0);
  await lab.preset.selectOption({ label: 'MNIST digits (Bernoulli)' });
  await expect(lab.status).toHaveText('ready', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: /^What to watch for/ })).toHaveCount(0);
});

test('the β-VAE trade-off opens a β sweep prepared from its preset, whose runs show the dimensions switching off', async ({
  page,
}) => {
  test.setTimeout(1_200_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: 'The β-VAE trade-off' });
  const callout = page.getByRole('region', { name: 'What to watch for: The β-VAE trade-off' });
  const open = callout.getByRole('button', { name: 'Open a β sweep…' });
  await expect(open).toHaveAccessibleDescription(/One run is one point of the trade-off/);
  const axe = await new AxeBuilder({ page }).include('[data-phenomenon=beta-tradeoff]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await callout.screenshot({ path: `${SCREENSHOTS}/phenomenon-beta-callout.png` });
  await open.click();
  await expect(page.getByRole('tab', { name: 'Sweep' })).toHaveAttribute('aria-selected', 'true');
  const note = page.getByTestId('sweep-proposal');
  await expect(note).toBeFocused();
  await expect(note).toContainText(
    'Prepared from the phenomenon “The β-VAE trade-off”: β over 0.25, 0.5, 1, 2, 4, 16, 64',
  );
  const form = page.getByRole('form', { name: 'New sweep' });
  await expect(form.getByLabel('Swept setting')).toHaveValue('beta');
  await expect(form.getByLabel('Values', { exact: true })).toHaveValue('0.25,0.5,1,2,4,16,64');
  await expect(form.getByLabel('Epochs per run')).toHaveValue('150');
  await page.screenshot({ path: `${SCREENSHOTS}/phenomenon-beta-sweep-prepared.png` });
  await form.getByRole('button', { name: 'Start sweep (7 runs)' }).click();

  const table = page.getByRole('table');
  await expect(table.locator('tbody tr[data-status="done"]')).toHaveCount(7, { timeout: 900_000 });
  const plane = page.getByRole('img', { name: /^Rate–distortion plane of the sweep/ }).locator('canvas');
  await expect(plane).toHaveAttribute('data-points', '7');
  // The linear-Gaussian law on this preset's data (eigenvalues 1 and 0.25, σ² = 0.03): both dimensions
  // up to β = 4, one at β = 16 (βσ² = 0.48), none at β = 64 (βσ² = 1.92).
  const collapse = page.getByRole('img', { name: /^Collapse diagram/ }).locator('canvas');
  await expect(collapse).toHaveAttribute('data-active', '2,2,2,2,2,1,0');
  await page.getByRole('heading', { name: 'Rate–distortion plane of the sweep' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/phenomenon-beta-sweep-done.png` });
});

test('the KL card prepares the same β sweep without touching the lab, and it can be dropped', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('tab', { name: 'Learn' }).click();
  const button = page.locator('[data-card=kl]').getByRole('button', { name: 'Open a β sweep: The β-VAE trade-off' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Sweep' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('sweep-proposal')).toBeFocused();
  const form = page.getByRole('form', { name: 'New sweep' });
  await expect(form.getByLabel('Values', { exact: true })).toHaveValue('0.25,0.5,1,2,4,16,64');
  const found = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`);
  expect(found).toEqual([]);
  // The lab still has its own preset: the sweep runs on engines of its own.
  await expect(lab.preset.locator('option:checked')).toHaveText('Lecture: pinwheel β=0.25');
  await page.getByRole('button', { name: 'Use the lab’s experiment instead' }).click();
  await expect(page.getByTestId('sweep-proposal')).toHaveCount(0);
  // The form keeps the prepared values; the runs now start from the lab's experiment (its 800 epochs
  // are not the form's: the form keeps what it shows).
  await expect(form.getByLabel('Values', { exact: true })).toHaveValue('0.25,0.5,1,2,4,16,64');
});
