/**
 * Hints that depend on the data and the decoder: the β collapse estimate is shown only for a fixed
 * Gaussian decoder, says it is a linear-decoder estimate, and follows σ² and the data.
 */
import { expect, test } from '@playwright/test';
import { LabPage, LECTURE, MNIST } from './lab-page';

const COLLAPSE =
  /largest variance is ([\d.e+-]+), so with σ² = ([\d.e+-]+) the whole latent collapses above β ≈ ([\d.e+-]+)\./;

test('the β collapse hint holds only for a Gaussian decoder, names its assumption, and follows σ²', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.preset.selectOption({ label: LECTURE });
  const panel = page.getByRole('region', { name: 'Hyperparameters' });
  const hint = panel.locator('.hint', { hasText: 'whole latent collapses' });
  await expect(hint).toContainText('Linear-decoder estimate (fixed Gaussian decoder)');
  const read = async () => {
    const m = COLLAPSE.exec(await hint.innerText());
    if (!m) throw new Error('no collapse figure');
    return { lambda: Number(m[1]), sigma2: Number(m[2]), beta: Number(m[3]) };
  };
  const first = await read();
  expect(first.sigma2).toBe(0.03);
  expect(first.beta).toBeCloseTo(first.lambda / first.sigma2, -1);
  // The pinwheel's largest variance is a few units (its arms reach about ±3): about 115 at σ² = 0.03.
  expect(first.lambda).toBeGreaterThan(1);
  expect(first.lambda).toBeLessThan(10);

  // σ² doubled: the threshold halves.
  const sigma = page.getByRole('textbox', { name: 'σ² (decoder variance) value' });
  await sigma.fill('0.06');
  await sigma.press('Enter');
  await expect.poll(async () => (await read()).sigma2).toBe(0.06);
  const second = await read();
  expect(second.beta).toBeCloseTo(first.beta / 2, -1);

  // MNIST has a Bernoulli decoder: its loss has no σ², so no collapse figure.
  await lab.preset.selectOption({ label: MNIST });
  await expect(lab.status).toHaveText('ready', { timeout: 60_000 });
  await expect(panel.getByText('Loss = recon + β·KL.')).toBeVisible();
  await expect(hint).toHaveCount(0);
});
