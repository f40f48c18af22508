/**
 * The theory beside the run: a click (or arrows + Enter) on the latent map shows a point's true
 * posterior p(z|x) as a heat map with KL(q ‖ p(z|x)) in words; the Diagnostics panel shows the
 * exact −log p(x) below −ELBO, and the gap between them.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LabPage, LECTURE } from './lab-page';

function views(page: Page): Locator {
  return page.getByRole('region', { name: 'Views' });
}

const FIT = /KL\(q ‖ true posterior\) = \d+\.\d{3} nats: q (fits well|is somewhat off|fits poorly)/;

test('pinwheel: the true posterior of a clicked point, and the exact likelihood in the Diagnostics panel', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const region = views(page);
  const map = region.getByRole('application', { name: /^Latent map:/ });
  await expect(map).toHaveAccessibleName(/4000 points in 5 classes/);
  await expect(map).toHaveAttribute('data-posterior', 'none');

  await lab.button('Train').click();
  await lab.waitForEpochAbove(30, 60_000);
  await lab.button('Pause').click();
  await expect(lab.status).toHaveText('paused');

  // Hover until a point is under the pointer, then click it.
  const canvas = map.locator('canvas');
  const box = (await canvas.boundingBox())!;
  const hoverText = region.getByText(/the ellipse is ±2σ of q\(z\|x\)/);
  for (let dx = 0; dx < 240; dx += 6) {
    await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 - dx / 3);
    if (await hoverText.isVisible()) break;
  }
  await expect(hoverText).toBeVisible();
  const row = Number((await region.getByText(/^\s*Point \d+/).innerText()).match(/Point (\d+)/)![1]);
  await page.mouse.down();
  await page.mouse.up();
  await expect(map).toHaveAttribute('data-posterior', 'shown');
  const fit = region.locator('#latent-fit');
  await expect(fit).toHaveText(new RegExp(`^True posterior of point ${row} at epoch \\d+: ${FIT.source}`));
  const kl = Number(await map.getAttribute('data-posterior-kl'));
  expect(kl).toBeGreaterThanOrEqual(0);
  expect((await fit.innerText()).includes(`= ${kl.toFixed(3)} nats`)).toBe(true);
  // The heat map's orange-red pixels are drawn under the ellipse.
  const warm = await canvas.evaluate((element) => {
    const c = element as unknown as {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] > 240 && data[p + 1] < 150 && data[p + 2] < 60) n++;
    return n;
  });
  expect(warm).toBeGreaterThan(10);

  // From the keyboard: focus the map, move to a neighbour, press Enter.
  await map.focus();
  await expect(map).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(fit).toHaveText(/^(Computing|True posterior of point \d+)/);
  await expect(map).toHaveAttribute('data-posterior', 'shown');
  await expect(fit).toHaveText(new RegExp(`^True posterior of point \\d+ at epoch \\d+: ${FIT.source}`));

  // The Diagnostics panel, on demand.
  const panel = region.locator('section[aria-labelledby="diagnostics-title"]');
  await panel.getByRole('button', { name: 'Evaluate now' }).click();
  const table = panel.getByRole('table');
  await expect(table).toHaveAttribute('data-neg-log-px', /\d/);
  const negLogPx = Number(await table.getAttribute('data-neg-log-px'));
  const negElbo = Number(await table.getAttribute('data-neg-elbo'));
  const gap = Number(await table.getAttribute('data-gap'));
  expect(negLogPx).toBeLessThanOrEqual(negElbo);
  expect(gap).toBeGreaterThanOrEqual(0);
  await expect(table.getByRole('row', { name: /^−log p\(x\)/ })).toHaveText(/exact/);
  await expect(table.getByRole('row', { name: /^Gap KL\(q ‖ p\(z\|x\)\)/ })).toHaveText(
    new RegExp(`${gap.toFixed(3)}.*exact`),
  );
  await expect(table.getByRole('row', { name: /^−ELBO\b/ }).first()).toHaveText(/\d+\.\d{3} ± \d\.\d{3}.*estimate/);
  await expect(table.getByRole('row', { name: /^−L_50/ })).toHaveText(/± \d\.\d{3}.*estimate/);
  await expect(panel.getByText(/^Epoch \d+, 4000 training examples/)).toBeVisible();

  // Its numbers export as CSV.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export diagnostics as CSV' }).click();
  expect((await download).suggestedFilename()).toBe('vae-lab-diagnostics.csv');
});
