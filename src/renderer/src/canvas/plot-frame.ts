/** Plot frames with axes: the scales that place data in a box, and the axes, dots and star drawn in one. */
import { niceTicks, toPixel, type LinearScale } from './scale';
import { canvasFont, scaled, scaledPad } from './text-scale';

/** Margins of a plot with axes, CSS pixels. */
export const PLOT_PAD = scaledPad({ left: 40, right: 10, top: 10, bottom: 30 });

export interface PlotFrame {
  x: LinearScale;
  y: LinearScale;
}

/**
 * Scales that show [xMin, xMax] × [yMin, yMax] in a `width × height` box with equal units on
 * both axes (a circle stays round): the shorter side's range is widened about its centre.
 */
export function equalAspectFrame(
  width: number,
  height: number,
  xr: { min: number; max: number },
  yr: { min: number; max: number },
): PlotFrame {
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

/** Axis lines at the frame's left and bottom, ticks with labels, axis titles. */
export function drawAxes(
  ctx: CanvasRenderingContext2D,
  f: PlotFrame,
  titles: [string, string],
  colors: { text: string; grid: string },
): void {
  ctx.save();
  ctx.font = canvasFont(11);
  ctx.fillStyle = colors.text;
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  const xt = niceTicks(f.x.min, f.x.max, 6);
  const yt = niceTicks(f.y.min, f.y.max, 6);
  ctx.beginPath();
  for (const t of xt) {
    const px = Math.round(toPixel(f.x, t)) + 0.5;
    ctx.moveTo(px, f.y.to);
    ctx.lineTo(px, f.y.from);
  }
  for (const t of yt) {
    const py = Math.round(toPixel(f.y, t)) + 0.5;
    ctx.moveTo(f.x.from, py);
    ctx.lineTo(f.x.to, py);
  }
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xt) ctx.fillText(String(t), toPixel(f.x, t), f.y.from + scaled(3));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yt) ctx.fillText(String(t), f.x.from - scaled(4), toPixel(f.y, t));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(titles[0], (f.x.from + f.x.to) / 2, f.y.from + scaled(29));
  ctx.save();
  ctx.translate(scaled(11), (f.y.from + f.y.to) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(titles[1], 0, 0);
  ctx.restore();
  ctx.restore();
}

/** Dots of `[rows × dims]` in columns (i, j), coloured per row by `colorOf` (grouped: one fillStyle per colour). */
export function drawDots(
  ctx: CanvasRenderingContext2D,
  f: PlotFrame,
  values: Float32Array,
  dims: number,
  rows: number,
  i: number,
  j: number,
  colorOf: (row: number) => string,
  size = 3,
): void {
  const byColor = new Map<string, number[]>();
  for (let r = 0; r < rows; r++) {
    const c = colorOf(r);
    let list = byColor.get(c);
    if (list === undefined) byColor.set(c, (list = []));
    list.push(r);
  }
  const half = size / 2;
  for (const [color, list] of byColor) {
    ctx.fillStyle = color;
    for (const r of list) {
      const x = values[r * dims + i];
      const y = values[r * dims + j];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.fillRect(toPixel(f.x, x) - half, toPixel(f.y, y) - half, size, size);
    }
  }
}

/** A five-pointed star of outer radius `r` at (x, y), filled and outlined. */
export function drawStar(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  fill: string,
  stroke: string,
): void {
  ctx.beginPath();
  for (let p = 0; p < 10; p++) {
    const radius = p % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (p * Math.PI) / 5;
    ctx.lineTo(x + radius * Math.cos(a), y + radius * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = 1.2;
  ctx.stroke();
}
