/**
 * `npm run bench:ui -- --long-tasks`: the main thread's long tasks while a run trains at the
 * fastest speed, counted by a PerformanceObserver of type 'longtask' (tasks over 50 ms) in the
 * page, with the latent map, data space, loss curves and collapse views on screen.
 */
import type { Page } from '@playwright/test';

export type LongTaskRun = 'lecture' | 'mnist';

export interface LongTaskResult {
  run: LongTaskRun;
  seconds: number;
  /** Long tasks seen, their durations (ms, longest first). */
  count: number;
  longest: number;
  durations: number[];
  /** Epochs trained while observing, and the points on the latent map. */
  epochs: number;
  points: number;
}

/** A window tall enough that the four views named in the issue are all on screen. */
export const LONG_TASK_VIEWPORT = { width: 1280, height: 1500 };

const MNIST_PRESET = 'MNIST digits (Bernoulli)';
/** MNIST's latent map shows every digit: 10,000 points. */
const MNIST_POINTS = 10_000;

async function epochDone(page: Page): Promise<number> {
  const text = await page.getByRole('status', { name: 'Epoch' }).innerText();
  return Number(/epoch\s+(\d+)/.exec(text.replace(/\s+/g, ' '))?.[1] ?? NaN);
}

/** The latent map's canvas states how many points it shows. */
async function mapPoints(page: Page): Promise<number> {
  return Number((await page.locator('[data-view="latent"] canvas').first().getAttribute('data-points')) ?? 0);
}

/**
 * Waits until the expression `test` is true in the page (polled from here: the page's
 * Content-Security-Policy forbids the eval that a string predicate of waitForFunction needs).
 */
async function pollFor(page: Page, test: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(test))) {
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${test}`);
    await page.waitForTimeout(250);
  }
}

/** Sets the Epochs field and waits until the engine's status echoes the new target. */
export async function setEpochs(page: Page, epochs: number): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Epochs value' });
  await field.fill(String(epochs));
  await field.press('Enter');
  // The engine's status echoes the new target: then the run will not stop at the preset's.
  await page
    .getByRole('status', { name: 'Epoch' })
    .filter({ hasText: `/ ${epochs}` })
    .waitFor();
}

/** Opens the lab with `run`'s settings, trains at the fastest speed and observes for `seconds`. */
export async function measureLongTasks(
  page: Page,
  baseUrl: string,
  run: LongTaskRun,
  seconds: number,
): Promise<LongTaskResult> {
  await page.goto(baseUrl);
  const status = page.getByRole('status', { name: 'Status' });
  await status.filter({ hasText: 'ready' }).waitFor();
  if (run === 'mnist') {
    await page.getByLabel('Preset').selectOption({ label: MNIST_PRESET });
    await pollFor(
      page,
      `document.querySelector('[data-view="latent"] canvas')?.getAttribute('data-points') === '${MNIST_POINTS}'`,
      180_000,
    );
    await status.filter({ hasText: 'ready' }).waitFor({ timeout: 180_000 });
    await setEpochs(page, 1000);
  } else await setEpochs(page, 20_000);
  await page.getByLabel('Speed').selectOption({ label: 'fastest' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Past the start (the first snapshots, the charts' first layouts), then observe.
  if (run === 'mnist')
    await pollFor(
      page,
      `Number(document.querySelector('[data-view="latent"] canvas')?.getAttribute('data-epoch')) >= 1`,
      180_000,
    );
  else
    await pollFor(
      page,
      `/epoch\\s+([3-9]\\d\\d|\\d{4})/.test(document.querySelector('output[aria-label="Epoch"]')?.textContent ?? '')`,
      120_000,
    );
  const from = await epochDone(page);
  await page.evaluate(
    "window.__longTasks = []; window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }); window.__observer.observe({ type: 'longtask' });",
  );
  await page.waitForTimeout(seconds * 1000);
  const durations = (await page.evaluate(
    'window.__observer.disconnect(); window.__longTasks.map((d) => Math.round(d))',
  )) as number[];
  const state = (await status.innerText()).trim();
  if (state !== 'running') throw new Error(`the ${run} run stopped while observed: the status reads "${state}"`);
  durations.sort((a, b) => b - a);
  return {
    run,
    seconds,
    count: durations.length,
    longest: durations[0] ?? 0,
    durations,
    epochs: (await epochDone(page)) - from,
    points: await mapPoints(page),
  };
}
