import type { LinearScale } from './scale';

/** Margins of a plot with axes, CSS pixels. */
export const PLOT_PAD = { left: 40, right: 10, top: 10, bottom: 30 };

export interface PlotFrame {
  x: LinearScale;
  y: LinearScale;
}

/**
 * Scales that show [xMin, xMax] × [yMin, yMax] in a `width × height` box with equal units on
 * both axes (a circle stays round): the shorter side's range is widened about its centre.
 */
export function equalAspectFrame(width: number, height: number, xr: { min: number; max: number }, yr: { min: number; max: number }): PlotFrame {
  const w = Math.max(1, width - PLOT_PAD.left - PLOT_PAD.right);
  const h = Math.max(1, height - PLOT_PAD.top - PLOT_PAD.bottom);
  const perPixel = Math.max((xr.max - xr.min) / w, (yr.max - yr.min) / h);
  const cx = (xr.min + xr.max) / 2;
  const cy = (yr.min + yr.max) / 2;
  return {
    x: { min: cx - (perPixel * w) / 2, max: cx + (perPixel * w) / 2, from: PLOT_PAD.left, to: PLOT_PAD.left + w },
    y: { min: cy - (perPixel * h) / 2, max: cy + (perPixel * h) / 2, from: PLOT_PAD.top + h, to: PLOT_PAD.top },
  };
}
