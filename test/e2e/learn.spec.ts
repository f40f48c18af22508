/**
 * The Learn view: reached from the tab list, one card per lecture section, the ELBO card's gap closing where q is
 * the exact posterior, and no accessibility violations axe can find.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

async function openLearn(page: Page): Promise<void> {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(page.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
}

test('the Learn tab shows one card per section, with typeset formulas and the lecture numbers', async ({ page }) => {
  await openLearn(page);
  const cards = page.locator('article[data-card]');
  await expect(cards).toHaveCount(11);
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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Learn view has no accessibility violations axe can find (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openLearn(page);
    await expect(page.locator('article[data-card]')).toHaveCount(11);
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
