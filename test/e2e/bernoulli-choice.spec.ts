/** The likelihood choice refuses Bernoulli on data outside [0, 1] and names the data's range. */
import { expect, test } from '@playwright/test';
import { LabPage, LECTURE } from './lab-page';

test('on the pinwheel the Bernoulli choice is disabled and says which column spans what', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const bernoulli = page.getByRole('radio', { name: /Bernoulli/ });
  await expect(bernoulli).toBeDisabled();
  await expect(page.getByText(/^Bernoulli needs data in \[0, 1\]; \S+ spans −[\d.]+ … [\d.]+\.$/)).toBeVisible();
  await expect(page.getByRole('radio', { name: /Gaussian, fixed/ })).toBeChecked();
});
