import type { TruePosterior } from '../../../../shared/protocol';
import type { PlotFrame } from '../../canvas/plot-frame';
import { toPixel } from '../../canvas/scale';
import { canvasFont } from '../../canvas/text-scale';

/** The heat map's colour at density share t ∈ [0, 1]: transparent → orange → dark red. */
function heat(t: number): [number, number, number, number] {
  const r = 255;
  const g = Math.round(200 - 170 * t);
  const b = Math.round(60 - 60 * t);
  return [r, g, b, Math.round(235 * Math.sqrt(t))];
}

const images = new WeakMap<TruePosterior, HTMLCanvasElement>();

/** The density as an image, z2 ascending upwards (row r of the density is z2 = lo + r·h). */
function imageOf(p: TruePosterior): HTMLCanvasElement {
  const cached = images.get(p);
  if (cached) return cached;
  const n = p.size;
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(n, n);
  let max = 0;
  for (const v of p.density) if (v > max) max = v;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const [R, G, B, A] = heat(max > 0 ? p.density[r * n + c] / max : 0);
      const o = ((n - 1 - r) * n + c) * 4;
      img.data[o] = R;
      img.data[o + 1] = G;
      img.data[o + 2] = B;
      img.data[o + 3] = A;
    }
  }
  ctx.putImageData(img, 0, 0);
  images.set(p, canvas);
  return canvas;
}

/**
 * The true posterior p(z|x) under the q ellipse: for K = 2 a heat map over its grid, for K = 1 its
 * density curve along the bottom of the plot (the map shows z1 on both axes).
 */
export function drawPosterior(ctx: CanvasRenderingContext2D, f: PlotFrame, p: TruePosterior, line: string): void {
  const h = p.lo.map((l, j) => (p.size > 1 ? (p.hi[j] - l) / (p.size - 1) : 0));
  if (p.latent === 2) {
    const x0 = toPixel(f.x, p.lo[0] - h[0] / 2);
    const x1 = toPixel(f.x, p.hi[0] + h[0] / 2);
    const y0 = toPixel(f.y, p.hi[1] + h[1] / 2);
    const y1 = toPixel(f.y, p.lo[1] - h[1] / 2);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(imageOf(p), x0, y0, x1 - x0, y1 - y0);
    return;
  }
  let max = 0;
  for (const v of p.density) if (v > max) max = v;
  const base = f.y.from;
  const tall = (f.y.from - f.y.to) * 0.35;
  ctx.beginPath();
  ctx.moveTo(toPixel(f.x, p.lo[0]), base);
  for (let c = 0; c < p.size; c++) ctx.lineTo(toPixel(f.x, p.lo[0] + c * h[0]), base - (tall * p.density[c]) / max);
  ctx.lineTo(toPixel(f.x, p.hi[0]), base);
  ctx.closePath();
  ctx.fillStyle = 'rgba(255, 120, 30, 0.45)';
  ctx.fill();
  ctx.strokeStyle = line;
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** Side of the zoomed inset, CSS pixels; it is drawn when the posterior covers fewer pixels than ZOOM_BELOW. */
const INSET = 120;
const ZOOM_BELOW = 60;

/**
 * For K = 2, a zoomed inset in the plot's top-right corner when the posterior is too small to read
 * at the map's scale: the heat map, q's 2σ ellipse and the posterior mean, equal units on both axes.
 */
export function drawPosteriorInset(
  ctx: CanvasRenderingContext2D,
  f: PlotFrame,
  p: TruePosterior,
  colors: { text: string; surface: string; grid: string },
): void {
  if (p.latent !== 2) return;
  const h = p.lo.map((l, j) => (p.size > 1 ? (p.hi[j] - l) / (p.size - 1) : 0));
  const span = [0, 1].map((j) => p.hi[j] - p.lo[j] + h[j]);
  const onMap = Math.max(
    Math.abs(toPixel(f.x, span[0]) - toPixel(f.x, 0)),
    Math.abs(toPixel(f.y, span[1]) - toPixel(f.y, 0)),
  );
  if (onMap >= ZOOM_BELOW) return;
  const x0 = f.x.to - INSET - 6;
  const y0 = f.y.to + 6;
  const scale = INSET / Math.max(span[0], span[1]);
  const w = span[0] * scale;
  const ht = span[1] * scale;
  const ox = x0 + (INSET - w) / 2;
  const oy = y0 + (INSET - ht) / 2;
  ctx.fillStyle = colors.surface;
  ctx.fillRect(x0, y0, INSET, INSET);
  ctx.drawImage(imageOf(p), ox, oy, w, ht);
  const px = (z: number) => ox + (z - (p.lo[0] - h[0] / 2)) * scale;
  const py = (z: number) => oy + ht - (z - (p.lo[1] - h[1] / 2)) * scale;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, INSET, INSET);
  ctx.clip();
  ctx.beginPath();
  ctx.ellipse(
    px(p.q.mean[0]),
    py(p.q.mean[1]),
    2 * Math.exp(0.5 * p.q.logvar[0]) * scale,
    2 * Math.exp(0.5 * p.q.logvar[1]) * scale,
    0,
    0,
    2 * Math.PI,
  );
  ctx.strokeStyle = colors.text;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  const mx = px(p.mean[0]);
  const my = py(p.mean[1]);
  ctx.beginPath();
  ctx.moveTo(mx - 4, my);
  ctx.lineTo(mx + 4, my);
  ctx.moveTo(mx, my - 4);
  ctx.lineTo(mx, my + 4);
  ctx.stroke();
  ctx.restore();
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, INSET - 1, INSET - 1);
  ctx.fillStyle = colors.text;
  ctx.font = canvasFont(11);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(`zoom: ${span[0].toPrecision(2)} wide`, x0 + 4, y0 + INSET - 3);
}
