/** The latent map at epoch 0 and above 2 latent dimensions; KL per dimension readable up to 16. */
import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

test('epoch 0 says untrained; 16 latent dimensions: the most active two on the map, readable KL', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.open();
  const views = page.getByRole('region', { name: 'Views' });
  const untrained = views.getByText('Epoch 0: untrained (random initial weights)');
  await expect(untrained).toBeVisible();
  await expect(views.getByRole('application', { name: /^Latent map:/ })).toHaveAccessibleName(
    /epoch 0, untrained \(random initial weights\)\./,
  );

  const latent = page.getByRole('textbox', { name: 'Latent size value' });
  await latent.fill('16');
  await latent.press('Enter');
  await expect(page.getByRole('slider', { name: 'Latent size' })).toHaveAttribute('aria-valuetext', '16');
  await expect(lab.status).toHaveText('ready');
  for (let i = 1; i <= 3; i += 1) {
    await lab.button('Step').click();
    await expect(lab.epochCounter).toHaveText(new RegExp(`epoch\\s+${i}\\s+/`));
  }
  await expect(untrained).toHaveCount(0);

  // The map shows the two most active dimensions, named in its note, until the user picks.
  const horizontal = page.getByRole('combobox', { name: 'Horizontal latent dimension' });
  const vertical = page.getByRole('combobox', { name: 'Vertical latent dimension' });
  const note = views.getByText(/^Showing the two most active dimensions/);
  await expect(note).toBeVisible();
  const shown = /z(\d+) and z(\d+)/.exec((await note.innerText()) ?? '')!;
  await expect(horizontal).toHaveValue(String(Number(shown[1]) - 1));
  await expect(vertical).toHaveValue(String(Number(shown[2]) - 1));
  await horizontal.selectOption({ label: 'z16' });
  await expect(views.getByText('Showing z16 and')).toBeVisible();
  await lab.button('Step').click();
  await expect(horizontal).toHaveValue('15');

  // KL per dimension beside β: all 16 on screen, none scrolled away.
  const glance = page.getByRole('list', { name: 'KL per latent dimension (nats)' });
  await expect(glance.getByRole('listitem')).toHaveCount(16);
  expect(await glance.evaluate((ul) => ul.scrollHeight <= ul.clientHeight + 1)).toBe(true);
  // …and in the collapse view: a name under every bar, values that do not run into each other.
  const bars = page.getByRole('region', { name: /Collapse/ }).locator('canvas.bars');
  await expect(bars).toHaveAttribute('data-bars', '16');
  await expect(bars).toHaveAttribute('data-name-every', '1');
  await expect(bars).toHaveAttribute('data-values', /^(across|upright)$/);
  await page.getByRole('region', { name: /Collapse/ }).screenshot({ path: `${SCREENSHOTS}/kl16.png` });
  await glance.screenshot({ path: `${SCREENSHOTS}/glance16.png` });
  await views.getByRole('application', { name: /^Latent map:/ }).screenshot({ path: `${SCREENSHOTS}/map16.png` });
});
