/**
 * `npm run bench:ui [-- --epochs N] [--speeds 50,200,max] [--json]`
 *
 * How fast the lab answers while it trains: the web build (built first when dist-web/ is missing)
 * in headless Chromium, the lecture run with Epochs N (default 5000), at each speed. Every half
 * second of the run the β slider moves one step with the keyboard, timed until its number field
 * shows the new value (the key goes to the focused slider; the field is read every frame); at
 * 80 % of the run Pause is clicked, timed until the status reads "paused".
 * Prints the 50th and 95th percentiles and the worst of those answers per speed, in ms.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const ROOT = resolve(__dirname, '..');
const PORT = Number(process.env.BENCH_UI_PORT ?? 4599);
const { findChromium, CHROMIUM_ARGS } = require('../scripts/find-chromium.cjs') as {
  findChromium: () => { path: string } | null;
  CHROMIUM_ARGS: string[];
};

type Speed = number | 'max';
const SPEED_LABEL = (s: Speed): string => (s === 'max' ? 'fastest' : `${s} epochs/s`);

interface SpeedResult {
  speed: string;
  epochsReached: number;
  moves: number;
  p50: number;
  p95: number;
  worst: number;
  pauseMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function epochDone(page: Page): Promise<number> {
  const text = await page.getByRole('status', { name: 'Epoch' }).innerText();
  return Number(/epoch\s+(\d+)/.exec(text.replace(/\s+/g, ' '))?.[1] ?? NaN);
}

/**
 * One keyboard step of the β slider, timed in the page from the key event's timestamp (when the
 * browser took the key) to the first animation frame whose field shows the new value: what a
 * user waits for, without the test driver's own round trips.
 */
async function timedMove(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<number> {
  const field = page.getByRole('textbox', { name: 'β (KL weight) value' });
  const before = await field.inputValue();
  await page.evaluate(
    "window.__keyAt = null; addEventListener('keydown', (e) => { window.__keyAt = e.timeStamp; }, { once: true, capture: true });",
  );
  await page.keyboard.press(key);
  // A string, so the page runs it as written (no bundler helpers inside).
  const waited = await page.waitForFunction(
    `(() => { const v = document.querySelector('input[aria-label="β (KL weight) value"]')?.value;
      return v !== ${JSON.stringify(before)} && window.__keyAt !== null ? performance.now() - window.__keyAt : false; })()`,
    undefined,
    { polling: 'raf' },
  );
  return Number(await waited.jsonValue());
}

async function runSpeed(page: Page, speed: Speed, epochs: number): Promise<SpeedResult> {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByRole('status', { name: 'Status' }).filter({ hasText: 'ready' }).waitFor();
  const field = page.getByRole('textbox', { name: 'Epochs value' });
  await field.fill(String(epochs));
  await field.press('Enter');
  await page.getByLabel('Speed').selectOption({ label: SPEED_LABEL(speed) });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('slider', { name: 'β (KL weight)' }).focus();
  const times: number[] = [];
  let key: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight';
  let reached = 0;
  // Stop short of the end, so Pause still has a running job to pause.
  while ((reached = await epochDone(page)) < epochs * 0.8) {
    times.push(await timedMove(page, key));
    if (process.env.BENCH_UI_VERBOSE) process.stderr.write(`  epoch ${reached}: ${times.at(-1)!.toFixed(0)} ms\n`);
    key = key === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    await page.waitForTimeout(500);
  }
  const start = performance.now();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page
    .getByRole('status', { name: 'Status' })
    .filter({ hasText: /paused|done/ })
    .waitFor();
  const pauseMs = performance.now() - start;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    speed: SPEED_LABEL(speed),
    epochsReached: reached,
    moves: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    worst: sorted.at(-1) ?? NaN,
    pauseMs,
  };
}

function startPreview(): ChildProcess {
  if (!existsSync(resolve(ROOT, 'dist-web/index.html'))) {
    const built = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:web failed');
  }
  return spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.mts', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer on port ${PORT}`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const epochs = Number(option(args, 'epochs') ?? 5000);
  const speeds: Speed[] = (option(args, 'speeds') ?? '50,200,max')
    .split(',')
    .map((s) => (s === 'max' ? 'max' : Number(s)));
  const server = startPreview();
  try {
    await waitForServer();
    const browser = await chromium.launch({ executablePath: findChromium()?.path, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const results: SpeedResult[] = [];
    for (const speed of speeds) {
      process.stderr.write(`bench:ui: ${SPEED_LABEL(speed)}, ${epochs} epochs…\n`);
      results.push(await runSpeed(page, speed, epochs));
    }
    await browser.close();
    if (args.includes('--json')) console.log(JSON.stringify({ epochs, results }));
    else {
      console.log(`UI response while the lecture run trains (${epochs} epochs), ms`);
      console.log('speed            epochs  moves    p50    p95  worst  pause');
      for (const r of results) {
        const f = (x: number) => x.toFixed(0).padStart(6);
        console.log(
          `${r.speed.padEnd(15)} ${String(r.epochsReached).padStart(7)} ${String(r.moves).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.worst)} ${f(r.pauseMs)}`,
        );
      }
    }
  } finally {
    server.kill();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:ui: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
