/** Small truths: PNG exports say what they show; a 3-D set has a depth cue and a thumbnail of all three columns. */
import { copyFileSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('a PNG export carries a title line and names the dataset, β and epoch in its file name', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+2\s+\//);
  const views = page.getByRole('region', { name: 'Views' });
  const canvas = views.getByRole('application', { name: /^Latent map:/ }).locator('canvas');
  const shown = await canvas.evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  const download = page.waitForEvent('download');
  await views.getByRole('button', { name: 'Export latent map as PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('vae-lab-latent-map_pinwheel_beta-0.25_epoch-2.png');
  const path = await file.path();
  const size = pngSize(path);
  expect(size.width).toBeGreaterThanOrEqual(shown.width); // wider where the title needs it
  expect(size.height).toBeGreaterThan(shown.height); // the title line above the map
  // The title as drawn: read back from the exported picture's top strip, compared in the page.
  const title = await page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const c = document.createElement('canvas');
    c.width = image.width;
    c.height = image.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const strip = ctx.getImageData(0, 0, c.width, 20).data;
    let dark = 0;
    for (let i = 0; i < strip.length; i += 4) if (strip[i] < 120 && strip[i + 3] > 0) dark += 1;
    return dark;
  }, readFileSync(path).toString('base64'));
  expect(title).toBeGreaterThan(50);
  copyFileSync(path, '/tmp/student-b-export.png');
});

test('3-D: the view shades and sizes points by depth; the thumbnail projects all three columns', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({ label: 'Swiss roll' });
  const views = page.getByRole('region', { name: 'Views' });
  const cloud = views.getByRole('img', { name: /^3-D data space/ });
  await expect(cloud).toBeVisible({ timeout: 30_000 });
  await expect(cloud.locator('canvas')).toHaveAttribute('data-depth-cue', 'size and shade');
  await expect(views.getByText('Nearer points are drawn larger and darker.')).toBeVisible();
  // Shade by depth: the data colour appears at many opacities.
  const shades = await cloud.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const alphas = new Set<number>();
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) alphas.add(d[i] >> 3);
    return alphas.size;
  });
  expect(shades).toBeGreaterThan(8);
  const preview = page.getByRole('img', { name: /^Dataset preview:/ });
  await expect(preview).toHaveAccessibleName(/all three columns, projected as the 3-D view first shows them/);
  await page.getByRole('complementary', { name: 'Settings' }).screenshot({ path: `${SCREENSHOTS}/thumb3d.png` });
  await views.locator('section[aria-labelledby="data-space-title"]').screenshot({ path: `${SCREENSHOTS}/cloud.png` });
});
