/**
 * Live edits coalesced into animation frames: dragging β sends at most one setLive per frame,
 * carrying the newest value of every setting touched since the last one. The Lab flushes what
 * waits before any other command, so the engine sees every edit before what follows it.
 */
import type { LiveChange } from '../../../shared/protocol';

/** Runs `run` at the next animation frame; returns what cancels it. */
export type NextFrame = (run: () => void) => () => void;

/** requestAnimationFrame where there is one (pages), a 16 ms timer elsewhere. */
export const animationFrame: NextFrame = (run) => {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(() => run());
    return () => cancelAnimationFrame(handle);
  }
  const timer = setTimeout(run, 16);
  return () => clearTimeout(timer);
};

export class LiveEdits {
  private pending: LiveChange | null = null;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly send: (live: LiveChange) => void,
    private readonly nextFrame: NextFrame = animationFrame,
  ) {}

  /** Merge `live` into what waits for the next frame. */
  add(live: LiveChange): void {
    this.pending = { ...this.pending, ...live };
    this.cancel ??= this.nextFrame(() => {
      this.cancel = null;
      this.flush();
    });
  }

  /** Send what waits now (before another command, so the order stays). */
  flush(): void {
    const pending = this.pending;
    this.drop();
    if (pending !== null) this.send(pending);
  }

  /** Forget what waits (its engine is gone). */
  drop(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending = null;
  }
}
