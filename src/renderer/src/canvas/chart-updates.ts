/**
 * Redraws of a chart coalesced into animation frames and spaced by a multiple of their own
 * cost, so a long training history (tens of thousands of epochs) never takes the page's frames:
 * a redraw that took 8 ms waits 200 ms before the next, one that took 80 ms waits 320 ms.
 */
import { dropFrameDraw, queueFrameDraw } from './frame';

/** One plotted point of a line chart: x = epoch, y = the value (nats, a count…). */
export interface Point {
  x: number;
  y: number;
}

export interface Redraw {
  /** Ask for a redraw; several requests before it happens make one. */
  request(): void;
  cancel(): void;
}

/** Idle time after a redraw, as a multiple of how long it took… */
const SPACING = 4;
/** …and at least this long: curves at 5 redraws a second read as live, and leave the frames to input. */
const MIN_GAP_MS = 200;

export function throttledRedraw(redraw: () => void): Redraw {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queued = false;
  let readyAt = 0;
  const run = () => {
    queued = false;
    const start = performance.now();
    redraw();
    const end = performance.now();
    readyAt = end + Math.max(MIN_GAP_MS, SPACING * (end - start));
  };
  return {
    request() {
      if (timer !== null || queued) return;
      timer = setTimeout(
        () => {
          timer = null;
          queued = true;
          // The page's one frame queue: a chart due with other canvases waits for the next frame.
          queueFrameDraw(run);
        },
        Math.max(0, readyAt - performance.now()),
      );
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      dropFrameDraw(run);
      timer = null;
      queued = false;
    },
  };
}

/**
 * Long curves are thinned to this many points before drawing (Largest-Triangle-Three-Buckets
 * keeps their shape): a canvas polyline of tens of thousands of dashed segments takes the
 * main thread for seconds in software rendering.
 */
export const DECIMATION = { enabled: true, algorithm: 'lttb', samples: 600, threshold: 800 } as const;
