/**
 * Coalesces redraw requests to one per animation frame: however many snapshots or hovers
 * arrive within a frame, `draw` runs once, with the latest state.
 */
export function frameScheduler(draw: () => void): { request: () => void; cancel: () => void } {
  let handle: number | null = null;
  return {
    request() {
      if (handle !== null) return;
      handle = requestAnimationFrame(() => {
        handle = null;
        draw();
      });
    },
    cancel() {
      if (handle !== null) cancelAnimationFrame(handle);
      handle = null;
    },
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
