import type { TruePosterior } from '../../../../shared/protocol';
import { classColor } from '../../canvas/class-colors';
import { drawPosterior, drawPosteriorInset } from './posterior-draw';
import { posteriorEllipse } from './ellipse';
import { drawAxes, drawDots, drawStar, equalAspectFrame, type PlotFrame } from '../../canvas/plot-frame';
import { extentOf, toPixel } from '../../canvas/scale';

export interface LatentScene {
  /** Encoder means `[rows × k]`. */
  means: Float32Array;
  /** Encoder log-variances `[rows × k]`, for the hover ellipse (absent in older snapshots). */
  logvars: Float32Array | null;
  k: number;
  rows: number;
  /** Class of each row, `[rows]`; −1 (or null) draws grey. */
  labels: Int32Array | null;
  /** Dimensions on the horizontal and vertical axes. */
  i: number;
  j: number;
  hover: number | null;
  /** The row whose true posterior is shown (its q ellipse is drawn over the heat map), and that posterior. */
  selected: number | null;
  posterior: TruePosterior | null;
  /** The lecture's z* `[k]`, or null. */
  star: readonly number[] | null;
  colors: { text: string; grid: string; prior: string; ellipse: string; surface: string };
}

/** The prior N(0, I) shown as its 1σ and 2σ circles. */
const PRIOR_RADII = [1, 2];

/**
 * Latent map on `ctx` (CSS pixels): axes, prior circles, means by class, hover ellipse, z*. Returns
 * the frame for pointer lookups.
 */
export function drawLatentMap(ctx: CanvasRenderingContext2D, width: number, height: number, s: LatentScene): PlotFrame {
  ctx.clearRect(0, 0, width, height);
  const xr = extentOf(s.means, s.k, s.rows, s.i, [-2.2, 2.2]);
  const yr = s.i === s.j ? xr : extentOf(s.means, s.k, s.rows, s.j, [-2.2, 2.2]);
  const f = equalAspectFrame(width, height, xr, yr);
  drawAxes(ctx, f, [`z${s.i + 1}`, `z${s.j + 1}`], s.colors);
  const cx = toPixel(f.x, 0);
  const cy = toPixel(f.y, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.x.from, f.y.to, f.x.to - f.x.from, f.y.from - f.y.to);
  ctx.clip();
  ctx.strokeStyle = s.colors.prior;
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.2;
  for (const r of PRIOR_RADII) {
    ctx.beginPath();
    ctx.arc(cx, cy, toPixel(f.x, r) - cx, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const labels = s.labels;
  drawDots(ctx, f, s.means, s.k, s.rows, s.i, s.j, (r) => classColor(labels?.[r] ?? -1));
  if (s.selected !== null && s.selected < s.rows) {
    if (s.posterior !== null && s.k <= 2) drawPosterior(ctx, f, s.posterior, s.colors.ellipse);
    drawHover(ctx, f, s, s.selected);
  }
  if (s.hover !== null && s.hover < s.rows && s.hover !== s.selected) drawHover(ctx, f, s, s.hover);
  if (s.star !== null && s.star.length === s.k)
    drawStar(ctx, toPixel(f.x, s.star[s.i]), toPixel(f.y, s.star[s.j]), 8, '#ffd43b', '#000');
  ctx.restore();
  if (s.selected !== null && s.posterior !== null && s.k === 2) drawPosteriorInset(ctx, f, s.posterior, s.colors);
  return f;
}

function drawHover(ctx: CanvasRenderingContext2D, f: PlotFrame, s: LatentScene, row: number): void {
  const px = toPixel(f.x, s.means[row * s.k + s.i]);
  const py = toPixel(f.y, s.means[row * s.k + s.j]);
  if (s.logvars !== null) {
    const e = posteriorEllipse(s.means, s.logvars, s.k, row, s.i, s.j, 2);
    ctx.beginPath();
    ctx.ellipse(
      px,
      py,
      Math.abs(toPixel(f.x, e.cx + e.rx) - px),
      Math.abs(toPixel(f.y, e.cy + e.ry) - py),
      0,
      0,
      2 * Math.PI,
    );
    ctx.fillStyle = 'rgba(128, 128, 128, 0.15)';
    ctx.fill();
    ctx.strokeStyle = s.colors.ellipse;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.arc(px, py, 5, 0, 2 * Math.PI);
  ctx.strokeStyle = s.colors.ellipse;
  ctx.lineWidth = 2;
  ctx.stroke();
}
