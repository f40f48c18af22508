/** MNIST is readable: a colour key of the digits, one reconstruction per digit, tiles large enough and zoomable. */
import { expect, test } from '@playwright/test';
import { LabPage, MNIST, SCREENSHOTS } from './lab-page';

test('MNIST: colour key, one reconstruction per digit, readable zoomable tiles', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: MNIST });
  await expect(lab.status).toHaveText('ready', { timeout: 60_000 });
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//, { timeout: 60_000 });
  const views = page.getByRole('region', { name: 'Views' });

  const key = views.getByRole('list', { name: 'Colour key' });
  await expect(key.getByRole('listitem')).toHaveText(Array.from({ length: 10 }, (_, d) => `digit ${d}`));

  const recon = views.getByRole('img', { name: /originals \(top row\) and their reconstructions/ });
  await expect(recon).toHaveAccessibleName(/^10 originals .*; digits 0, 1, 2, 3, 4, 5, 6, 7, 8, 9$/);

  // Tiles: at least 28 CSS px (one MNIST digit at 1:1), and the zoom slider makes them larger.
  const grid = views.getByRole('img', { name: /^Decoded latent grid/ });
  const prior = views.getByRole('img', { name: /^Grid of 100 images/ });
  for (const [figure, cols] of [
    [grid, 15],
    [prior, 10],
  ] as const) {
    const width = await figure.locator('canvas').evaluate((c) => c.getBoundingClientRect().width);
    expect(width / cols).toBeGreaterThanOrEqual(28);
  }
  const zoom = views.getByRole('slider', { name: 'Latent grid: tile size' });
  await zoom.focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await expect(grid.locator('canvas')).toHaveAttribute('data-tile', '48');
  const zoomed = await grid.locator('canvas').evaluate((c) => c.getBoundingClientRect().width);
  expect(zoomed / 15).toBeGreaterThanOrEqual(46); // 48 px tiles (and the 1 px gaps between them)
  // Its PNG export names what it shows, like every export.
  const download = page.waitForEvent('download');
  await views.getByRole('button', { name: 'Export latent grid as PNG' }).click();
  expect((await download).suggestedFilename()).toBe('vae-lab-latent-grid_mnist_beta-1_epoch-1.png');
  await views.locator('section[aria-labelledby="latent-title"]').screenshot({ path: `${SCREENSHOTS}/mnist-map.png` });
  await views
    .locator('section[aria-labelledby="data-space-title"]')
    .screenshot({ path: `${SCREENSHOTS}/mnist-digits.png` });
});
