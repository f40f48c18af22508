import { classColor } from '../../canvas/class-colors';
import { drawAxes, drawDots, drawStar, equalAspectFrame } from '../../canvas/plot-frame';
import { extentOf, toPixel } from '../../canvas/scale';

export interface DataScene {
  /** Training rows `[rows × dim]`, dim 1 or 2. */
  x: Float32Array;
  rows: number;
  dim: number;
  /** Decoded prior samples `[count × dim]` (decoder means or draws). */
  decoded: Float32Array;
  count: number;
  /** Originals `[n × dim]` and their reconstructions `[n × dim]`; n = recon.x.length / dim. */
  recon: { x: Float32Array; mean: Float32Array; labels: readonly number[] } | null;
  /** The display row hovered in the latent map. */
  hover: number | null;
  /** x*, or null. */
  star: readonly number[] | null;
  columns: [string, string];
  /** The decoder manifold to draw, or null. */
  manifold: Manifold | null;
  colors: { text: string; grid: string; data: string; decoded: string; link: string; manifold: string };
}

/** Latent lines decoded by the decoder mean: `mean` is `[lineCount × points × dim]`. */
export interface Manifold {
  points: number;
  mean: Float32Array;
}

/** How many polylines a manifold holds. */
export function manifoldLines(m: Manifold, dim: number): number {
  return Math.floor(m.mean.length / Math.max(1, m.points * dim));
}

/**
 * Data space of 2-D data: training data (grey), decoded prior samples, reconstructions linked to their
 * originals, x*.
 */
export function drawDataSpace(ctx: CanvasRenderingContext2D, width: number, height: number, s: DataScene): void {
  ctx.clearRect(0, 0, width, height);
  const j = s.dim > 1 ? 1 : 0;
  const xr = extentOf(s.x, s.dim, s.rows, 0);
  const yr = extentOf(s.x, s.dim, s.rows, j);
  const f = equalAspectFrame(width, height, xr, yr);
  drawAxes(ctx, f, s.columns, s.colors);
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.x.from, f.y.to, f.x.to - f.x.from, f.y.from - f.y.to);
  ctx.clip();
  drawDots(ctx, f, s.x, s.dim, s.rows, 0, j, () => s.colors.data, 2.5);
  drawDots(ctx, f, s.decoded, s.dim, s.count, 0, j, () => s.colors.decoded, 3);
  if (s.manifold !== null) drawManifold(ctx, f, s.manifold, s.dim, j, s.colors.manifold);
  if (s.recon !== null) drawRecon(ctx, f, s, j);
  if (s.hover !== null && s.hover < s.rows) {
    ctx.beginPath();
    ctx.arc(toPixel(f.x, s.x[s.hover * s.dim]), toPixel(f.y, s.x[s.hover * s.dim + j]), 5, 0, 2 * Math.PI);
    ctx.strokeStyle = s.colors.text;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  if (s.star !== null && s.star.length === s.dim)
    drawStar(ctx, toPixel(f.x, s.star[0]), toPixel(f.y, s.star[j]), 8, '#ffd43b', '#000');
  ctx.restore();
}

function drawRecon(
  ctx: CanvasRenderingContext2D,
  f: ReturnType<typeof equalAspectFrame>,
  s: DataScene,
  j: number,
): void {
  const recon = s.recon!;
  const n = Math.floor(recon.x.length / s.dim);
  for (let r = 0; r < n; r++) {
    const ox = toPixel(f.x, recon.x[r * s.dim]);
    const oy = toPixel(f.y, recon.x[r * s.dim + j]);
    const rx = toPixel(f.x, recon.mean[r * s.dim]);
    const ry = toPixel(f.y, recon.mean[r * s.dim + j]);
    ctx.strokeStyle = s.colors.link;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.moveTo(ox, oy);
    ctx.lineTo(rx, ry);
    ctx.stroke();
    const color = classColor(recon.labels[r] ?? -1);
    ctx.beginPath();
    ctx.arc(ox, oy, 4.5, 0, 2 * Math.PI);
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.fillRect(rx - 3.5, ry - 3.5, 7, 7);
  }
}

function drawManifold(
  ctx: CanvasRenderingContext2D,
  f: ReturnType<typeof equalAspectFrame>,
  m: Manifold,
  dim: number,
  j: number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.2;
  ctx.globalAlpha = 0.7;
  const lines = manifoldLines(m, dim);
  for (let l = 0; l < lines; l++) {
    ctx.beginPath();
    for (let p = 0; p < m.points; p++) {
      const o = (l * m.points + p) * dim;
      const px = toPixel(f.x, m.mean[o]);
      const py = toPixel(f.y, m.mean[o + j]);
      if (p === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
