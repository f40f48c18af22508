/**
 * axe-core on the whole lab, light and dark, with a model trained one epoch (so every view
 * is drawn): no violations of WCAG rules axe can check (names, roles, contrast, ARIA).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LabPage, MNIST } from './lab-page';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the lab has no accessibility violations axe can find (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const lab = new LabPage(page);
    await lab.open();
    await lab.button('Step').click();
    await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
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

test('the MNIST lab (image views, the σ² slider switched off for a Bernoulli decoder) has no violations either', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: MNIST });
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\/\s+20/);
  await expect(page.getByRole('slider', { name: 'σ² (decoder variance)' })).toBeDisabled();
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);
});
