/**
 * axe-core on the whole lab, light and dark, with a model trained one epoch (so every view
 * is drawn): no violations of WCAG rules axe can check (names, roles, contrast, ARIA).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the lab has no accessibility violations axe can find (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const lab = new LabPage(page);
    await lab.open();
    await lab.button('Step').click();
    await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
    const result = await new AxeBuilder({ page }).analyze();
    const found = result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    expect(found).toEqual([]);
  });
}
