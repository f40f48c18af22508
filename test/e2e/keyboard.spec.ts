/** Keyboard and layout: the global shortcuts and their help overlay, focus in view, the toolbar on one line. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LabPage, SCREENSHOTS } from './lab-page';

/** The distinct rows the toolbar's items sit on. */
async function toolbarLines(page: Page): Promise<number> {
  return page.locator('header.toolbar').evaluate((bar) => {
    const middles = [...bar.children]
      .map((child) => child.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top + r.height / 2);
    const lines: number[] = [];
    for (const m of middles.sort((a, b) => a - b)) if (!lines.some((l) => Math.abs(l - m) < 12)) lines.push(m);
    return lines.length;
  });
}

/** How far (px) a box sticks out of the visible part of its scrolling panel (sidebar or views); 0 when in view. */
async function outOfPanel(box: Locator): Promise<number> {
  return box.evaluate((el) => {
    const panel = el.closest('aside, main');
    if (panel === null) return 0;
    const p = panel.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.height > p.height) return 0;
    return Math.max(0, p.top - r.top, r.bottom - p.bottom);
  });
}

test('the toolbar fits on one line from 1440 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  expect(await toolbarLines(page)).toBe(1);
  await page.locator('header.toolbar').screenshot({ path: `${SCREENSHOTS}/toolbar.png` });
});

test('shortcuts: ? lists them; Space trains and pauses, . steps, R resets; not while typing', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row')).toHaveText([
    /^Space\s*Train, or Pause while training$/,
    /^\.\s*Step: train one epoch$/,
    /^R\s*Reset: start again from new initial weights$/,
    /^P\s*Present the view with the focus \(else the first\) full-window; Escape leaves$/,
    /^\?\s*Show or hide this list$/,
  ]);
  await page.screenshot({ path: `${SCREENSHOTS}/shortcuts.png` });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('.');
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  await page.keyboard.press('.');
  await expect(lab.epochCounter).toHaveText(/epoch\s+2\s+\//);
  await page.keyboard.press('r');
  await expect(lab.epochCounter).toHaveText(/epoch\s+0\s+\//);

  await page.getByLabel('Speed').selectOption({ label: '10 epochs/s' });
  await page.getByRole('heading', { name: 'Dataset', exact: true }).click();
  await page.keyboard.press(' ');
  await expect(lab.status).toHaveText('running');
  await page.keyboard.press(' ');
  await expect(lab.status).toHaveText('paused');
  // After a click on Train, Space on the focused button pauses rather than pressing Train again.
  await lab.button('Train').click();
  await expect(lab.status).toHaveText('running');
  await page.keyboard.press(' ');
  await expect(lab.status).toHaveText('paused');
  const stopped = (await lab.epoch()).done;

  // Typing in a field: the keys are text, not shortcuts.
  const beta = page.getByRole('textbox', { name: 'β (KL weight) value' });
  await beta.click();
  await beta.press('r');
  await beta.press('.');
  await beta.press(' ');
  await expect(lab.status).toHaveText('paused');
  expect((await lab.epoch()).done).toBe(stopped);
  await expect(help).toBeHidden();
});

test('a focused control scrolls fully into view, with its label', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);
  // Tab through the sidebar and the views: each control stays fully in view, with its label.
  await page.getByLabel('Dataset', { exact: true }).focus();
  const sticking: string[] = [];
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if ((await focused.count()) === 0) break;
    const block = focused.locator('xpath=ancestor-or-self::*[contains(@class,"slider") or contains(@class,"row")][1]');
    const target = (await block.count()) > 0 ? block : focused;
    const out = await outOfPanel(target);
    if (out > 1) sticking.push(`${await focused.evaluate((el) => el.outerHTML.slice(0, 80))}: ${out}px`);
  }
  expect(sticking).toEqual([]);
  await page.getByRole('complementary', { name: 'Settings' }).screenshot({ path: `${SCREENSHOTS}/focus.png` });
});
