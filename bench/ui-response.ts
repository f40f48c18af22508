/**
 * `npm run bench:ui [-- --epochs N] [--speeds 50,200,max] [--json]`
 * `npm run bench:ui -- --long-tasks [--runs lecture,mnist] [--seconds 10] [--json]`
 * BENCH_UI_PORT sets the preview's port; BENCH_UI_DIST serves another build than dist-web/.
 *
 * How fast the lab answers while it trains: the web build (built first when dist-web/ is missing)
 * in headless Chromium, the lecture run with Epochs N (default 5000), at each speed. Every half
 * second of the run the β slider moves one step with the keyboard, timed until its number field
 * shows the new value (the key goes to the focused slider; the field is read every frame); at
 * 80 % of the run Pause is clicked, timed in the page from the click to the first frame whose
 * status reads "paused", then Train again and Pause again 0.3 s later, up to PAUSES times in all. Prints
 * the 50th and 95th percentiles and the worst of the slider's answers per speed, and of the
 * Pauses', in ms. A run whose epoch counter stops, or that stops running before 80 %, is an error.
 *
 * `--long-tasks [--runs lecture,mnist] [--seconds 10]`: instead, the main thread's long tasks
 * (> 50 ms, PerformanceObserver 'longtask') over that many seconds while a run trains at the
 * fastest speed, with the latent map, data space, loss curves and collapse views on screen (a
 * 1280 × 1500 window): the lecture run (Epochs 20,000, so it outlasts the window), and MNIST
 * with all 10,000 digits on the latent map. Prints their count, the longest and the epochs
 * trained meanwhile.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import {
  LONG_TASK_VIEWPORT,
  measureLongTasks,
  setEpochs,
  type LongTaskResult,
  type LongTaskRun,
} from './ui-long-tasks';

const ROOT = resolve(__dirname, '..');
const PORT = Number(process.env.BENCH_UI_PORT ?? 4599);
/** The web build served; BENCH_UI_DIST points elsewhere (e.g. a copy of an older build, to compare). */
const DIST = resolve(process.env.BENCH_UI_DIST ?? resolve(ROOT, 'dist-web'));
const { findChromium, CHROMIUM_ARGS } = require('../scripts/find-chromium.cjs') as {
  findChromium: () => { path: string } | null;
  CHROMIUM_ARGS: string[];
};

type Speed = number | 'max';
/** An epoch counter that has not moved for this long while "running" has stalled. */
const STALL_MS = 15_000;
const SPEED_LABEL = (s: Speed): string => (s === 'max' ? 'fastest' : `${s} epochs/s`);

interface SpeedResult {
  speed: string;
  epochsReached: number;
  moves: number;
  p50: number;
  p95: number;
  worst: number;
  pauses: number;
  pauseP50: number;
  pauseP95: number;
  pauseWorst: number;
}

/** Pauses timed per speed, each after RESUMED_MS of training again (fewer if the run nears its end). */
const PAUSES = 10;
const RESUMED_MS = 300;

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

/**
 * Pause clicked, timed in the page from the click event's timestamp to the first animation frame
 * whose status reads "paused" (or "done").
 */
async function timedPause(page: Page): Promise<number> {
  // Polled in the page, every frame, from before the click (a string promise: the page's CSP
  // forbids the eval a string predicate of waitForFunction would need).
  const answered = page.evaluate(`new Promise((resolve) => {
    window.__clickAt = null;
    addEventListener('click', (e) => { window.__clickAt = e.timeStamp; }, { once: true, capture: true });
    const check = () => {
      const s = document.querySelector('output[aria-label="Status"]')?.textContent ?? '';
      if (/paused|done/.test(s) && window.__clickAt !== null) resolve(performance.now() - window.__clickAt);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return Number(await answered);
}

async function runSpeed(page: Page, speed: Speed, epochs: number): Promise<SpeedResult> {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByRole('status', { name: 'Status' }).filter({ hasText: 'ready' }).waitFor();
  // The engine's status echoes the new target: then the run will not stop at the preset's.
  await setEpochs(page, epochs);
  await page.getByLabel('Speed').selectOption({ label: SPEED_LABEL(speed) });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('slider', { name: 'β (KL weight)' }).focus();
  const times: number[] = [];
  let key: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight';
  let reached = 0;
  let moved = { epoch: -1, at: performance.now() };
  // Stop short of the end, so Pause still has a running job to pause.
  while ((reached = await epochDone(page)) < epochs * 0.8) {
    const status = await page.getByRole('status', { name: 'Status' }).innerText();
    if (status.trim() !== 'running')
      throw new Error(`the run stopped at epoch ${reached}: the status reads "${status}"`);
    if (reached !== moved.epoch) moved = { epoch: reached, at: performance.now() };
    else if (performance.now() - moved.at > STALL_MS)
      throw new Error(
        `the epoch counter stayed at ${reached} for ${STALL_MS / 1000} s while the status read "running"`,
      );
    times.push(await timedMove(page, key));
    if (process.env.BENCH_UI_VERBOSE)
      process.stderr.write(
        `  epoch ${reached}: ${times.at(-1)!.toFixed(0)} ms ${await page.getByRole('status', { name: 'Status' }).innerText()}\n`,
      );
    key = key === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    await page.waitForTimeout(500);
  }
  const pauses: number[] = [];
  for (let i = 0; i < PAUSES; i++) {
    if (i > 0) {
      // Short of the end, so the run is still there to pause.
      if ((await epochDone(page)) >= epochs * 0.95) break;
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByRole('status', { name: 'Status' }).filter({ hasText: 'running' }).waitFor();
      await page.waitForTimeout(RESUMED_MS);
    }
    pauses.push(await timedPause(page));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const pauseSorted = pauses.sort((a, b) => a - b);
  return {
    speed: SPEED_LABEL(speed),
    epochsReached: reached,
    moves: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    worst: sorted.at(-1) ?? NaN,
    pauses: pauses.length,
    pauseP50: percentile(pauseSorted, 50),
    pauseP95: percentile(pauseSorted, 95),
    pauseWorst: pauseSorted.at(-1) ?? NaN,
  };
}

function startPreview(): ChildProcess {
  if (process.env.BENCH_UI_DIST === undefined && !existsSync(resolve(DIST, 'index.html'))) {
    const built = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:web failed');
  }
  if (!existsSync(resolve(DIST, 'index.html'))) throw new Error(`no web build in ${DIST}`);
  const options = ['--config', 'vite.web.config.mts', '--outDir', DIST, '--port', String(PORT), '--strictPort'];
  // Vite itself, not through npx: killing npx left the server running, and the next run measured
  // whatever build that old server served.
  return spawn(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', ...options], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/`)).ok;
  } catch {
    return false;
  }
}

/** Refuses a port that already answers: that server would be measured instead of this build. */
async function checkPortFree(): Promise<void> {
  if (await answers()) throw new Error(`port ${PORT} is in use; stop that server or set BENCH_UI_PORT`);
}

async function waitForServer(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`the preview server exited (code ${server.exitCode})`);
    if (await answers()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer on port ${PORT}`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function longTasks(browser: Browser, args: string[]): Promise<void> {
  const runs = (option(args, 'runs') ?? 'lecture,mnist').split(',') as LongTaskRun[];
  const seconds = Number(option(args, 'seconds') ?? 10);
  const results: LongTaskResult[] = [];
  for (const run of runs) {
    process.stderr.write(`bench:ui: long tasks, ${run} at the fastest speed, ${seconds} s…\n`);
    const page = await browser.newPage({ viewport: LONG_TASK_VIEWPORT });
    results.push(await measureLongTasks(page, `http://127.0.0.1:${PORT}/`, run, seconds));
    await page.close();
  }
  if (args.includes('--json')) return console.log(JSON.stringify({ longTasks: results }));
  console.log('Long tasks (> 50 ms) on the main thread while training at the fastest speed');
  console.log('run       seconds  tasks  longest  epochs  map points  durations (ms)');
  for (const r of results)
    console.log(
      `${r.run.padEnd(9)} ${String(r.seconds).padStart(7)} ${String(r.count).padStart(6)} ${String(r.longest).padStart(8)} ${String(r.epochs).padStart(7)} ${String(r.points).padStart(11)}  ${r.durations.join(' ')}`,
    );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const epochs = Number(option(args, 'epochs') ?? 5000);
  const speeds: Speed[] = (option(args, 'speeds') ?? '50,200,max')
    .split(',')
    .map((s) => (s === 'max' ? 'max' : Number(s)));
  await checkPortFree();
  const server = startPreview();
  try {
    await waitForServer(server);
    const browser = await chromium.launch({ executablePath: findChromium()?.path, args: CHROMIUM_ARGS });
    if (args.includes('--long-tasks')) {
      await longTasks(browser, args);
      return await browser.close();
    }
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
      console.log('                                 β slider moves            Pause');
      console.log('speed            epochs  moves    p50    p95  worst  pauses    p50    p95  worst');
      for (const r of results) {
        const f = (x: number) => x.toFixed(0).padStart(6);
        console.log(
          `${r.speed.padEnd(15)} ${String(r.epochsReached).padStart(7)} ${String(r.moves).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.worst)} ${String(r.pauses).padStart(7)} ${f(r.pauseP50)} ${f(r.pauseP95)} ${f(r.pauseWorst)}`,
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
