/**
 * What the tests read from and do on the lab screen, by role and accessible name only —
 * the way a user (or a screen reader) finds things.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export const LECTURE = 'Lecture: pinwheel β=0.25';
export const MNIST = 'MNIST digits (Bernoulli)';
export const SCREENSHOTS = 'test-results/screenshots';

export class LabPage {
  readonly epochCounter: Locator;
  readonly status: Locator;
  readonly preset: Locator;
  readonly speed: Locator;
  readonly losses: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.epochCounter = page.getByRole('status', { name: 'Epoch' });
    this.status = page.getByRole('status', { name: 'Status' });
    this.preset = page.getByLabel('Preset');
    this.speed = page.getByLabel('Speed');
    this.losses = page.getByRole('table', { name: 'Loss per example (nats)' });
    this.chart = page.getByRole('img', { name: /^Loss curves/ });
  }

  button(name: 'Train' | 'Pause' | 'Step' | 'Reset' | 'Restart engine'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Opens the lab and waits until the engine has its first job. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.status).toHaveText('ready');
  }

  /** The two numbers of "epoch 312 / 800". */
  async epoch(): Promise<{ done: number; of: number }> {
    const text = (await this.epochCounter.innerText()).replace(/\s+/g, ' ');
    const match = /epoch (\d+) \/ (\d+)/.exec(text);
    if (match === null) throw new Error(`epoch counter reads "${text}"`);
    return { done: Number(match[1]), of: Number(match[2]) };
  }

  async waitForEpochAbove(n: number, timeout = 30_000): Promise<void> {
    await expect.poll(async () => (await this.epoch()).done, { timeout }).toBeGreaterThan(n);
  }

  /** A row of the loss table: its epoch and total / reconstruction / KL as shown. */
  async lossRow(which: 'first' | 'last'): Promise<{ epoch: number; total: number; recon: number; kl: number }> {
    const rows = this.losses.locator('tbody tr');
    const row = which === 'first' ? rows.first() : rows.last();
    const epoch = Number(await row.getByRole('rowheader').innerText());
    const [total, recon, kl] = (await row.getByRole('cell').allInnerTexts()).map(Number);
    return { epoch, total, recon, kl };
  }

  /** What the chart has plotted, as its canvas states it. */
  async plotted(): Promise<{ epochs: number; firstTotal: number; lastTotal: number }> {
    const canvas = this.chart.locator('canvas');
    const read = async (name: string) => Number(await canvas.getAttribute(name));
    return {
      epochs: await read('data-plotted-epochs'),
      firstTotal: await read('data-first-total'),
      lastTotal: await read('data-last-total'),
    };
  }
}
