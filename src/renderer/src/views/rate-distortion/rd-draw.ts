import type { RatePoint } from '../../../../shared/linear-gaussian';
import type { EvaluatedPoint } from '../../state/rate-points';
import { formatLoss } from '../common/format';
import { niceTicks, toPixel, type LinearScale } from '../../canvas/scale';
import { canvasFont, scaled, scaledPad } from '../../canvas/text-scale';

export interface RdScene {
  /** Training averages, one per epoch (thin: they carry one draw of z per example). */
  path: readonly RatePoint[];
  /** Whole-data evaluations: exact (filled dots) or Monte-Carlo (rings with ±2 se bars). */
  evaluated: readonly EvaluatedPoint[];
  /** Slope of the tangent at the newest point is −beta. */
  beta: number;
  /** The bound D + R ≥ Ĥ on these examples, or null. */
  entropy: number | null;
  /** The linear-Gaussian law's (R, D), or null. */
  law: { rate: number; distortion: number } | null;
  colors: { text: string; grid: string; path: string; now: string; bound: string; tangent: string; law: string };
}

/** The plane's margins (shared with the sweep's plane). */
export const PAD = scaledPad({ left: 52, right: 12, top: 12, bottom: 34 });
/** Longest path drawn; longer histories are thinned evenly (the newest point is always kept). */
export const RD_MAX_POINTS = 600;

/** Evenly thinned to at most `max` points, keeping the first and last. */
export function thinPath<T>(path: readonly T[], max = RD_MAX_POINTS): T[] {
  if (path.length <= max) return [...path];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(path[Math.round((i * (path.length - 1)) / (max - 1))]);
  return out;
}

/**
 * The rate–distortion plane: R across, D up; lines of equal D + R (−ELBO) in the grid colour, the
 * bound D + R = H with the unreachable side shaded, the path over epochs, the tangent of slope −β
 * at the newest point.
 */
export function drawRatePlane(ctx: CanvasRenderingContext2D, width: number, height: number, s: RdScene): void {
  ctx.clearRect(0, 0, width, height);
  const pts = thinPath(s.path);
  const rs = [...pts, ...s.evaluated].map((p) => p.rate);
  const ds = [...pts, ...s.evaluated].map((p) => p.distortion);
  if (s.law) {
    rs.push(s.law.rate);
    ds.push(s.law.distortion);
  }
  const rMax = Math.max(0.5, ...rs) * 1.08;
  // The first epochs' distortion can be many times the final one: the view follows the later half of
  // the path (the start runs off the top edge) so the neighbourhood of the bound stays readable.
  const later = [...pts.slice(Math.floor(pts.length / 2)), ...s.evaluated.slice(-1)].map((p) => p.distortion);
  let dMin = Math.min(...ds);
  let dMax = Math.max(...later);
  if (s.entropy !== null) dMin = Math.min(dMin, s.entropy - rMax);
  const span = Math.max(0.5, dMax - dMin);
  dMin -= 0.05 * span;
  dMax += 0.05 * span;
  const x: LinearScale = { min: 0, max: rMax, from: PAD.left, to: width - PAD.right };
  const y: LinearScale = { min: dMin, max: dMax, from: height - PAD.bottom, to: PAD.top };
  ctx.font = canvasFont(11);
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom);
  ctx.clip();
  // Lines of equal −ELBO = D + R: slope −1.
  ctx.strokeStyle = s.colors.grid;
  ctx.lineWidth = 1;
  for (const level of niceTicks(dMin, dMax + rMax, 8)) diagonal(ctx, x, y, level);
  if (s.entropy !== null) {
    const h = s.entropy;
    ctx.fillStyle = s.colors.bound + '22';
    ctx.beginPath();
    ctx.moveTo(toPixel(x, 0), toPixel(y, h));
    ctx.lineTo(toPixel(x, rMax), toPixel(y, h - rMax));
    ctx.lineTo(toPixel(x, rMax), toPixel(y, dMin));
    ctx.lineTo(toPixel(x, 0), toPixel(y, dMin));
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = s.colors.bound;
    ctx.lineWidth = 2;
    diagonal(ctx, x, y, h);
  }
  ctx.strokeStyle = s.colors.path;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  polyline(ctx, x, y, pts);
  ctx.globalAlpha = 1;
  drawEvaluated(ctx, x, y, s.evaluated, s.colors.now);
  const now = pts.at(-1);
  if (now) {
    ctx.strokeStyle = s.colors.tangent;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(toPixel(x, 0), toPixel(y, now.distortion + s.beta * now.rate));
    ctx.lineTo(toPixel(x, rMax), toPixel(y, now.distortion - s.beta * (rMax - now.rate)));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = s.colors.path;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(toPixel(x, now.rate), toPixel(y, now.distortion), 4.5, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (s.law) {
    const lx = toPixel(x, s.law.rate);
    const ly = toPixel(y, s.law.distortion);
    ctx.strokeStyle = s.colors.law;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(lx - 5, ly - 5);
    ctx.lineTo(lx + 5, ly + 5);
    ctx.moveTo(lx - 5, ly + 5);
    ctx.lineTo(lx + 5, ly - 5);
    ctx.stroke();
  }
  ctx.restore();
  axes(ctx, width, height, x, y, s.colors.text);
}

function polyline(ctx: CanvasRenderingContext2D, x: LinearScale, y: LinearScale, pts: readonly RatePoint[]): void {
  ctx.beginPath();
  pts.forEach((p, i) => {
    if (i === 0) ctx.moveTo(toPixel(x, p.rate), toPixel(y, p.distortion));
    else ctx.lineTo(toPixel(x, p.rate), toPixel(y, p.distortion));
  });
  ctx.stroke();
}

/** The evaluated path: a line through the points, exact ones filled, Monte-Carlo ones as rings with ±2 se. */
function drawEvaluated(
  ctx: CanvasRenderingContext2D,
  x: LinearScale,
  y: LinearScale,
  pts: readonly EvaluatedPoint[],
  color: string,
): void {
  if (pts.length === 0) return;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.5;
  polyline(ctx, x, y, pts);
  for (const p of pts) {
    const px = toPixel(x, p.rate);
    const py = toPixel(y, p.distortion);
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    if (p.exact) ctx.fill();
    else {
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(px, toPixel(y, p.distortion - 2 * p.se));
      ctx.lineTo(px, toPixel(y, p.distortion + 2 * p.se));
      ctx.stroke();
    }
  }
}

/** A line of equal D + R = `level` (slope −1) across the plane. */
export function diagonal(ctx: CanvasRenderingContext2D, x: LinearScale, y: LinearScale, level: number): void {
  ctx.beginPath();
  ctx.moveTo(toPixel(x, x.min), toPixel(y, level - x.min));
  ctx.lineTo(toPixel(x, x.max), toPixel(y, level - x.max));
  ctx.stroke();
}

/** The R and D axes with their ticks and titles. */
export function axes(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  x: LinearScale,
  y: LinearScale,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(PAD.left, PAD.top);
  ctx.lineTo(PAD.left, height - PAD.bottom);
  ctx.lineTo(width - PAD.right, height - PAD.bottom);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(x.min, x.max, 5))
    ctx.fillText(formatLoss(t), toPixel(x, t), height - PAD.bottom + scaled(4));
  ctx.fillText('rate R = KL (nats)', (PAD.left + width - PAD.right) / 2, height - scaled(14));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(y.min, y.max, 5)) ctx.fillText(formatLoss(t), PAD.left - scaled(4), toPixel(y, t));
  ctx.save();
  ctx.translate(scaled(12), (PAD.top + height - PAD.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('distortion D (nats)', 0, 0);
  ctx.restore();
}
