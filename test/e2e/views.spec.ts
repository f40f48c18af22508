/**
 * The views while training: the latent map fills with the pinwheel's five coloured arms, the
 * curves fall, the collapse panel counts active units, MNIST shows digit grids, a 3-D dataset
 * turns. Screenshots of each view go to test-results/screenshots/.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LabPage, LECTURE, MNIST, SCREENSHOTS } from './lab-page';

/** The first five class colours of src/renderer/src/canvas/class-colors.ts, as RGB. */
const CLASS_RGB = [
  [0xe8, 0x59, 0x0c],
  [0x1c, 0x7e, 0xd6],
  [0x2f, 0x9e, 0x44],
  [0xae, 0x3e, 0xc9],
  [0xf0, 0x8c, 0x00],
];

function views(page: Page): Locator {
  return page.getByRole('region', { name: 'Views' });
}

/** What the page functions below use of a canvas (the tests compile without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** Pixels of the canvas inside `frame` within a small distance of each colour of `palette`. */
async function pixelsPerColour(frame: Locator, palette: number[][]): Promise<number[]> {
  return frame.locator('canvas').evaluate((element, colours: number[][]) => {
    const canvas = element as unknown as CanvasLike;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = colours.map(() => 0);
    for (let p = 0; p < data.length; p += 4) {
      if (data[p + 3] < 250) continue;
      colours.forEach((c, i) => {
        if (Math.abs(data[p] - c[0]) + Math.abs(data[p + 1] - c[1]) + Math.abs(data[p + 2] - c[2]) < 12) counts[i] += 1;
      });
    }
    return counts;
  }, palette);
}

/** How many distinct grey levels the canvas inside `frame` holds (a blank canvas has one or two). */
async function distinctLevels(frame: Locator): Promise<number> {
  return frame.locator('canvas').evaluate((element) => {
    const canvas = element as unknown as CanvasLike;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const levels = new Set<number>();
    for (let p = 0; p < data.length; p += 4) levels.add(data[p]);
    return levels.size;
  });
}

async function shoot(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

test('pinwheel: the latent map fills with five coloured arms, the curves fall, active units are counted', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const region = views(page);
  const map = region.getByRole('application', { name: /^Latent map:/ });
  await expect(map).toHaveAccessibleName(/4000 points in 5 classes/);

  await lab.button('Train').click();
  await lab.waitForEpochAbove(5);
  await shoot(region.locator('section[aria-labelledby="latent-title"]'), 'view-latent-map-early');
  // The whole lecture run: 800 epochs.
  await expect(lab.status).toHaveText('done', { timeout: 120_000 });

  const caption = region.locator('figcaption', { hasText: 'points in' });
  await expect(caption).toHaveText(/^4000 points in 5 classes, epoch \d+$/);
  await expect(map.locator('canvas')).toHaveAttribute('data-classes', '5');
  await expect(map.locator('canvas')).toHaveAttribute('data-star', /^-?\d+\.\d+,-?\d+\.\d+$/);
  // Every class colour covers a good number of pixels: five arms, not one blob.
  const counts = await pixelsPerColour(map, CLASS_RGB);
  for (const c of counts) expect(c).toBeGreaterThan(100);
  // The star marking z* (#ffd43b).
  expect((await pixelsPerColour(map, [[0xff, 0xd4, 0x3b]]))[0]).toBeGreaterThan(20);

  const chart = region.getByRole('img', { name: /^Loss curves/ }).locator('canvas');
  const first = Number(await chart.getAttribute('data-first-total'));
  const last = Number(await chart.getAttribute('data-last-total'));
  expect(last).toBeLessThan(first / 3);

  // The lecture's two latent dimensions stay in use.
  await expect(region.getByRole('status', { name: 'Collapse' })).toHaveText(/No dimension has collapsed/);
  await expect(region.getByRole('status', { name: 'Active units', exact: true })).toHaveText('2');

  // The lecture's closing printout, and the hover ellipse.
  await expect(region.getByLabel('Sampled point')).toHaveText(
    /^Sampled latent point z\* = \[-?\d+\.\d{3}, -?\d+\.\d{3}\], decoded data point x\* = \[.+\], distance to the nearest training point = \d+\.\d{3}\./,
  );
  const box = (await map.locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let dx = 0; dx < 200; dx += 6) {
    await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 - dx / 2);
    if (await region.getByText(/the ellipse is ±2σ of q\(z\|x\)/).isVisible()) break;
  }
  await expect(region.getByText(/the ellipse is ±2σ of q\(z\|x\)/)).toBeVisible();
  // A click picks the hovered point: the engine reconstructs it, and only it, in the data space.
  const hoveredRow = Number((await region.getByText(/^\s*Point \d+/).innerText()).match(/Point (\d+)/)![1]) - 1;
  await page.mouse.down();
  await page.mouse.up();
  const scatter = region.getByRole('img', { name: /^Data space:/ });
  await expect(scatter).toHaveAccessibleName(
    /1 reconstruction linked to its original|1 reconstruction linked to their originals/,
  );
  await expect(scatter.locator('canvas')).toHaveAttribute('data-recon-rows', String(hoveredRow));

  await page.screenshot({ path: `${SCREENSHOTS}/views-pinwheel.png`, fullPage: true });
  await shoot(region.locator('section[aria-labelledby="latent-title"]'), 'view-latent-map');
  await shoot(region.locator('section[aria-labelledby="data-space-title"]'), 'view-data-space');
  await shoot(region.locator('section[aria-labelledby="curves-title"]'), 'view-curves');
  await shoot(region.locator('section[aria-labelledby="collapse-title"]'), 'view-collapse');

  // Sample from the likelihood instead of the decoder mean: the data space is redrawn.
  await region.getByLabel('sample from p(x|z)').check();
  await expect(region.getByLabel('sample from p(x|z)')).toBeChecked();

  // Exports: a CSV of the history with its header, a PNG of the map.
  const csvDownload = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Export metrics as CSV' }).click();
  const csv = await (await csvDownload).createReadStream();
  const text = await new Promise<string>((resolve) => {
    let s = '';
    csv.on('data', (d: Buffer) => (s += d.toString()));
    csv.on('end', () => resolve(s));
  });
  expect(text.split('\n')[0]).toBe('epoch,loss,recon,kl,beta,betaKl,activeUnits,klPerDim_1,klPerDim_2');
  const pngDownload = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Export latent map as PNG' }).click();
  expect((await pngDownload).suggestedFilename()).toMatch(/^vae-lab-latent-map_pinwheel_beta-[\d.]+_epoch-\d+\.png$/);
});

test('MNIST with a Bernoulli decoder shows digit grids', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: MNIST });
  await expect(lab.status).toHaveText('ready', { timeout: 60_000 });
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//, { timeout: 60_000 });

  const region = views(page);
  const prior = region.getByRole('img', { name: /^Grid of 100 images decoded from z ~ N\(0, I\)/ });
  await expect(prior).toBeVisible();
  await expect(prior.locator('canvas')).toHaveAttribute('data-images', '100');
  expect(await distinctLevels(prior)).toBeGreaterThan(20);
  const grid = region.getByRole('img', { name: /^Decoded latent grid: 15 × 15 images/ });
  expect(await distinctLevels(grid)).toBeGreaterThan(20);
  const recon = region.getByRole('img', { name: /originals \(top row\) and their reconstructions/ });
  expect(await distinctLevels(recon)).toBeGreaterThan(20);
  await expect(region.getByRole('application', { name: /^Latent map:/ })).toHaveAccessibleName(/points in 10 classes/);
  await shoot(region.locator('section[aria-labelledby="data-space-title"]'), 'view-mnist-digits');
  await page.screenshot({ path: `${SCREENSHOTS}/views-mnist.png`, fullPage: true });
});

test('a 3-D dataset turns with the arrow keys', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({ label: 'Swiss roll' });
  const cloud = views(page).getByRole('img', { name: /^3-D data space/ });
  await expect(cloud).toBeVisible({ timeout: 30_000 });
  const yaw = Number(await cloud.locator('canvas').getAttribute('data-yaw'));
  await cloud.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(cloud.locator('canvas')).toHaveAttribute('data-yaw', (yaw + 0.2).toFixed(2));
  await shoot(views(page).locator('section[aria-labelledby="data-space-title"]'), 'view-data-3d');
});
