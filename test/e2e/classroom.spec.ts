/**
 * Classroom mode on the web build: a teacher hides controls in Lesson mode, copies the setup's
 * link, and the link opens the same settings with the same controls hidden; a bad link is named
 * by its field and the lab opens as usual; a view is presented full-window and Escape leaves.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cloneConfig, LECTURE_PRESET } from '../../src/shared/config';
import { encodeSetup } from '../../src/shared/setup-link';
import { LabPage, SCREENSHOTS } from './lab-page';

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Settings' });
const view = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function typeValue(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByRole('textbox', { name: `${name} value` });
  await field.fill(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

test('a copied link reopens the same setup with the same controls hidden', async ({ page, context }) => {
  test.setTimeout(240_000); // two page loads, two axe passes and screenshots: room for a busy 2-core machine
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new LabPage(page);
  await lab.open();
  await typeValue(page, 'β (KL weight)', '0.7');
  await typeValue(page, 'Latent size', '3');
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\//);

  await page.getByRole('button', { name: 'Lesson mode' }).click();
  await expect(page.getByRole('button', { name: 'Lesson mode' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Hide the Model panel in the lesson' }).click();
  await page.getByRole('button', { name: 'Hide “Learning rate” in the lesson' }).click();
  await page.getByRole('button', { name: 'Hide the Spectrum: the linear-Gaussian law view in the lesson' }).click();
  // In lesson mode the hidden ones stay on screen, marked, with a Show switch.
  await expect(page.getByRole('button', { name: 'Show “Learning rate” in the lesson' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-lesson-mode.png` });
  await page.getByRole('button', { name: 'Show the Model panel in the lesson' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-lesson-mode-panel.png` });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Lesson mode' }).click();

  await expect(sidebar(page).getByRole('region', { name: 'Model' })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Learning rate' })).toHaveCount(0);
  await expect(view(page, 'Spectrum: the linear-Gaussian law')).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'β (KL weight)' })).toBeVisible();

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const shown = await page.getByRole('textbox', { name: 'Setup link' }).inputValue();
  const copied = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(copied).toBe(shown);
  expect(copied).toMatch(/#setup=1\.[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-link-copied.png` });

  const student = await context.newPage();
  const opened = new LabPage(student);
  await student.goto(copied);
  await expect(opened.status).toHaveText('ready');
  await expect(student.getByRole('status').filter({ hasText: 'Opened the setup from the link.' })).toBeVisible();
  await expect(student.getByRole('textbox', { name: 'β (KL weight) value' })).toHaveValue('0.7');
  await expect(sidebar(student).getByRole('region', { name: 'Model' })).toHaveCount(0);
  await expect(student.getByRole('slider', { name: 'Learning rate' })).toHaveCount(0);
  await expect(view(student, 'Spectrum: the linear-Gaussian law')).toHaveCount(0);
  await expect(view(student, 'Loss per epoch')).toBeVisible();
  // The engine built the linked model: three latent dimensions, untrained.
  await expect(opened.epochCounter).toHaveText(/epoch\s+0\s+\/\s+800/);
  await student.screenshot({ path: `${SCREENSHOTS}/classroom-link-opened.png` });

  await student.getByRole('button', { name: 'Show all (3 hidden)' }).click();
  await expect(sidebar(student).getByRole('region', { name: 'Model' })).toBeVisible();
  await expect(student.getByRole('textbox', { name: 'Latent size value' })).toHaveValue('3');
  await expect(student.getByRole('textbox', { name: 'Learning rate value' })).toHaveValue('0.003');
});

test('a bad link says which field is wrong, and the lab opens with its usual settings', async ({ page }) => {
  const config = cloneConfig(LECTURE_PRESET);
  config.train.beta = 5000;
  const { code } = encodeSetup({ config, classroom: { preset: 'lecture', hidden: ['panel:model'] }, data: null });
  const lab = new LabPage(page);
  await page.goto(`/#setup=${code}`);
  await expect(lab.status).toHaveText('ready');
  await expect(page.getByRole('status').filter({ hasText: 'The setup link could not be read' })).toContainText(
    'config.train.beta: must be at most 1000 (got 5000)',
  );
  await expect(page.getByRole('textbox', { name: 'β (KL weight) value' })).toHaveValue('0.25');
  await expect(sidebar(page).getByRole('region', { name: 'Model' })).toBeVisible();

  await page.goto(`/#setup=${code.slice(0, 40)}`);
  await expect(page.getByRole('status').filter({ hasText: 'The setup link could not be read' })).toContainText(
    'damaged or cut short',
  );
  await expect(lab.status).toHaveText('ready');
});

test('a view is presented full-window with larger type; Escape leaves; P presents the focused view', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  const curves = view(page, 'Loss per epoch');
  const small = await curves.boundingBox();
  const titleSize = async () =>
    Number.parseFloat(await curves.getByRole('heading').evaluate((h) => getComputedStyle(h).fontSize));
  const before = await titleSize();

  await page.getByRole('button', { name: 'Present Loss per epoch full-window' }).click();
  const leave = page.getByRole('button', { name: 'Leave the full-window Loss per epoch (Escape)' });
  await expect(leave).toBeFocused();
  await expect.poll(async () => (await curves.boundingBox())?.width).toBe(1280);
  expect((await curves.boundingBox())?.height).toBe(800);
  expect(await titleSize()).toBeGreaterThan(1.5 * before);
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-present-curves.png` });
  expect(await axeViolations(page)).toEqual([]);
  // Tab walks the view's own controls and never lands behind it.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await curves.evaluate((section) => section.contains(document.activeElement))).toBe(true);
  }
  await leave.focus();

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Present Loss per epoch full-window' })).toBeFocused();
  await expect.poll(async () => (await curves.boundingBox())?.width).toBe(small?.width);
  expect(await titleSize()).toBe(before);

  // The shortcut: P presents the view that holds the focus.
  const latent = view(page, 'Latent map: encoder means');
  await page.getByRole('button', { name: 'Present Latent map: encoder means full-window' }).focus();
  await page.keyboard.press('p');
  await expect(
    page.getByRole('button', { name: 'Leave the full-window Latent map: encoder means (Escape)' }),
  ).toBeFocused();
  await expect.poll(async () => (await latent.boundingBox())?.width).toBe(1280);
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-present-latent.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Present Latent map: encoder means full-window' })).toBeFocused();
});

/** Records on each canvas the largest font size drawn since the test last cleared it (data-font-max, px). */
async function watchCanvasFonts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const font = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'font')!;
    Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', {
      get() {
        return font.get!.call(this);
      },
      set(value: string) {
        font.set!.call(this, value);
        const px = Number(/([\d.]+)px/.exec(value)?.[1] ?? 0);
        const d = (this as CanvasRenderingContext2D).canvas.dataset;
        d.fontMax = String(Math.max(px, Number(d.fontMax ?? 0)));
      },
    });
  });
}

/** The largest font the canvas draws from now on (its record cleared first). */
async function fontDrawn(canvas: Locator, atLeast: number): Promise<number> {
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-font-max')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(atLeast);
  return Number(await canvas.getAttribute('data-font-max'));
}

test('presented views and Learn cards draw their chart text larger, and normal again after Escape', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await watchCanvasFonts(page);
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  const chart = lab.chart.locator('canvas');
  const latent = page.getByRole('application', { name: /^Latent map/ }).locator('canvas');
  const clear = (c: Locator) => c.evaluate((el: HTMLCanvasElement) => (el.dataset.fontMax = '0'));
  // chart.js ticks and legend at 12 px, the canvas views' axes at 11 px.
  expect(await fontDrawn(chart, 12)).toBeLessThan(14);
  expect(await fontDrawn(latent, 11)).toBeLessThan(13);

  await clear(chart);
  await page.getByRole('button', { name: 'Present Loss per epoch full-window' }).click();
  await expect(page.getByRole('button', { name: 'Leave the full-window Loss per epoch (Escape)' })).toBeFocused();
  // The page's type is 140 %: the chart's text follows it.
  expect(await fontDrawn(chart, 16.8)).toBeLessThan(18);
  await page.keyboard.press('Escape');
  await clear(chart);
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+2\s+\//);
  expect(await fontDrawn(chart, 12)).toBeLessThan(14);

  await clear(latent);
  await page.getByRole('button', { name: 'Present Latent map: encoder means full-window' }).click();
  expect(await fontDrawn(latent, 15.4)).toBeLessThan(16);
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-present-latent-text.png` });
  await page.keyboard.press('Escape');

  // A Learn card presents the same way, its plots and their text larger.
  await page.getByRole('tab', { name: 'Learn' }).click();
  const kl = page.locator('[data-card=kl]');
  const plot = kl.getByRole('img', { name: 'KL against the mean μ' }).locator('canvas');
  expect(await fontDrawn(plot, 11)).toBeLessThan(13);
  const small = await plot.boundingBox();
  await clear(plot);
  await kl.getByRole('button', { name: 'Present 3 · KL divergence full-window' }).click();
  const leave = kl.getByRole('button', { name: 'Leave the full-window 3 · KL divergence (Escape)' });
  await expect(leave).toBeFocused();
  await expect.poll(async () => (await kl.boundingBox())?.width).toBe(1280);
  expect(await fontDrawn(plot, 15.4)).toBeLessThan(16);
  expect((await plot.boundingBox())!.height).toBeGreaterThan(1.3 * small!.height);
  await kl.getByRole('slider', { name: 'μ' }).press('ArrowRight');
  // The card still answers its slider while presented: KL(N(0.05, 1) ‖ N(0, 1)) = 0.00125.
  await expect(kl.getByText(/^KL = [\d.]+ nats$/)).toHaveText(/^KL = 0\.001[23] nats$/);
  await page.screenshot({ path: `${SCREENSHOTS}/classroom-present-learn-card.png` });
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(kl.getByRole('button', { name: 'Present 3 · KL divergence full-window' })).toBeFocused();
  await expect.poll(async () => (await plot.boundingBox())?.height).toBe(small?.height);
});
