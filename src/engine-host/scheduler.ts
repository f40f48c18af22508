import { nextMacrotask } from './macrotask';

/**
 * Calls `slice` again and again, each time in a new macrotask, until it returns null.
 * `slice` returns the delay in ms before the next call (0 = as soon as messages are handled).
 * At most one call is ever pending, so waking a loop that already runs does nothing.
 */
export class RunLoop {
  private pending = false;

  constructor(private readonly slice: () => number | null) {}

  wake(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.pending) return;
    this.pending = true;
    const run = (): void => {
      this.pending = false;
      const next = this.slice();
      if (next !== null) this.schedule(next);
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else nextMacrotask(run);
  }
}
