import { expect, test, type Page } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

export const LINEAR = 'Linear Gaussian (PPCA law)';

async function setEpochs(page: Page, n: number): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Epochs value' });
  await field.fill(String(n));
  await field.press('Enter');
}

const numbers = (s: string | null) => (s ? s.split(',').map(Number) : []);

test('Linear Gaussian: σ² dragged past the smaller eigenvalue lifts the water over that bar and its KL falls to 0', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LINEAR });
  await expect(page.getByText('exact for this linear-Gaussian model')).toBeVisible();
  const bars = page.getByRole('img', { name: /^Eigenvalues / }).locator('canvas');
  const kl = page.getByRole('img', { name: /^Predicted KL / }).locator('canvas');
  await expect(bars).toHaveAttribute('data-submerged', '0');
  const eigenvalues = numbers(await bars.getAttribute('data-eigenvalues'));
  expect(eigenvalues).toHaveLength(2);
  const smaller = eigenvalues[1];
  expect(Number(await bars.getAttribute('data-water'))).toBeLessThan(smaller);

  await setEpochs(page, 100000);
  await lab.speed.selectOption({ label: '200 epochs/s' });
  await lab.button('Train').click();
  await lab.waitForEpochAbove(50);
  // Both dimensions carry information while βσ² is under both eigenvalues.
  await expect
    .poll(async () => Math.min(...numbers(await kl.getAttribute('data-measured-kl'))), { timeout: 60_000 })
    .toBeGreaterThan(0.3);

  // Drag the σ² slider (log scale, 0.001 … 10) with the mouse from 0.03 to 2.5 × the smaller eigenvalue.
  const slider = page.getByRole('slider', { name: 'σ² (decoder variance)' });
  const box = (await slider.boundingBox())!;
  const at = (v: number) => box.x + 8 + ((box.width - 16) * (Math.log10(v) + 3)) / 4;
  await page.mouse.move(at(0.03), box.y + box.height / 2);
  await page.mouse.down();
  for (const v of [0.05, 0.08, 0.12, 0.18, 2.5 * smaller]) await page.mouse.move(at(v), box.y + box.height / 2);
  await page.mouse.up();
  const water = Number(await bars.getAttribute('data-water'));
  expect(water).toBeGreaterThan(smaller);
  expect(water).toBeLessThan(eigenvalues[0]);
  await expect(bars).toHaveAttribute('data-submerged', '1');
  // The law predicts the collapse at once: its KL for that dimension is 0 before training moves.
  await expect.poll(async () => numbers(await kl.getAttribute('data-predicted-kl'))[1]).toBe(0);
  // And training follows: the measured KL of that dimension falls to about 0.
  await expect
    .poll(async () => numbers(await kl.getAttribute('data-measured-kl'))[1], { timeout: 120_000 })
    .toBeLessThan(0.02);
  await expect(lab.status).toHaveText('running');
  await page
    .getByRole('region', { name: 'Spectrum: the linear-Gaussian law' })
    .screenshot({ path: `${SCREENSHOTS}/theory-spectrum.png` });
  await page
    .getByRole('region', { name: 'Rate–distortion plane' })
    .screenshot({ path: `${SCREENSHOTS}/theory-rate-distortion.png` });
  await lab.button('Pause').click();
});

test('the rate–distortion path and the decoder manifold mesh draw, and the mesh can be switched off', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LINEAR });
  await setEpochs(page, 40);
  await lab.button('Train').click();
  await expect(lab.status).toHaveText('done', { timeout: 60_000 });
  const rd = page.getByRole('img', { name: /^Rate–distortion path/ }).locator('canvas');
  await expect.poll(async () => Number(await rd.getAttribute('data-points'))).toBe(40);
  // The source's H, and the bound on these 2,000 examples: the fitted Gaussian's Ĥ, a little lower.
  const sourceH = Math.log(2 * Math.PI * Math.E) + Math.log(0.3);
  expect(Number(await rd.getAttribute('data-entropy'))).toBeCloseTo(sourceH, 3);
  const bound = Number(await rd.getAttribute('data-bound'));
  expect(bound).toBeLessThan(sourceH);
  expect(bound).toBeGreaterThan(sourceH - 0.2);
  await expect(page.getByRole('img', { name: /^Rate–distortion path/ })).toHaveAccessibleName(/bound Ĥ = /);
  // A whole-data evaluation puts an exact point on the plane, and it is never under the bound.
  await page.getByRole('button', { name: 'Evaluate now' }).click();
  await expect(rd).toHaveAttribute('data-evaluated', '1', { timeout: 60_000 });
  await expect(rd).toHaveAttribute('data-below-bound', '0');
  await expect(page.getByRole('img', { name: /^Rate–distortion path/ })).toHaveAccessibleName(/1 evaluated point/);
  await page
    .getByRole('region', { name: 'Rate–distortion plane' })
    .screenshot({ path: `${SCREENSHOTS}/theory-rate-distortion-evaluated.png` });

  const data = page.getByRole('img', { name: /^Data space:/ }).locator('canvas');
  // K = 2: 9 lines of constant z1 and 9 of constant z2, 41 points each.
  await expect(data).toHaveAttribute('data-manifold-lines', '18');
  await expect(data).toHaveAttribute('data-manifold-points', String(18 * 41));
  const toggle = page.getByRole('checkbox', { name: 'Decoder manifold' });
  await expect(toggle).toBeChecked();
  await toggle.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect(data).toHaveAttribute('data-manifold-lines', '0');
  await toggle.press('Space');
  await expect(data).toHaveAttribute('data-manifold-lines', '18');
  await page.getByRole('region', { name: 'Data space' }).screenshot({ path: `${SCREENSHOTS}/theory-manifold.png` });
});
