/**
 * Every canvas redraw of the page (the views' own drawing and the charts) runs from one queue in
 * animation frames: each frame runs queued redraws until they have taken FRAME_BUDGET_MS, and the
 * rest wait for the next frame. A snapshot that changes the latent map and the data space while
 * a chart is due is then two or three short frames, not one long task that holds back input.
 */
const FRAME_BUDGET_MS = 12;
const queue: Array<() => void> = [];
let pumping: number | null = null;

function pump(): void {
  pumping = null;
  const start = performance.now();
  while (queue.length > 0) {
    const draw = queue.shift()!;
    try {
      draw();
    } catch (e) {
      // Reported as uncaught, without stopping the redraws queued after it.
      queueMicrotask(() => {
        throw e;
      });
    }
    if (performance.now() - start >= FRAME_BUDGET_MS) break;
  }
  if (queue.length > 0) pumping = requestAnimationFrame(pump);
}

/** Runs `draw` in an animation frame (this one's or a later one, see above); false if it was queued already. */
export function queueFrameDraw(draw: () => void): boolean {
  if (queue.includes(draw)) return false;
  queue.push(draw);
  pumping ??= requestAnimationFrame(pump);
  return true;
}

/** Takes `draw` off the queue if it is still waiting. */
export function dropFrameDraw(draw: () => void): void {
  const at = queue.indexOf(draw);
  if (at >= 0) queue.splice(at, 1);
}

/**
 * Coalesces redraw requests to one per animation frame: however many snapshots or hovers
 * arrive within a frame, `draw` runs once, with the latest state.
 */
export function frameScheduler(draw: () => void): { request: () => void; cancel: () => void } {
  const run = () => draw();
  return {
    request: () => void queueFrameDraw(run),
    cancel: () => dropFrameDraw(run),
  };
}

/** Size the canvas's backing store to its CSS box × devicePixelRatio; returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement): { width: number; height: number; ratio: number } {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return { width, height, ratio };
}

/** Colours of the theme, from the CSS custom properties of app.css. */
export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
  border: string;
  surface: string;
  accent: string;
  danger: string;
}

/** Colours of the theme, read from CSS custom properties on `element`. */
export function themeColors(element: Element): ThemeColors {
  const style = getComputedStyle(element);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: value('--text'),
    muted: value('--text-muted'),
    grid: value('--grid'),
    border: value('--border'),
    surface: value('--surface'),
    accent: value('--accent'),
    danger: value('--danger'),
  };
}

/** The theme's surface colour at `element` (the background of exported pictures). */
export function surfaceOf(element: Element): string {
  return themeColors(element).surface || '#ffffff';
}
