/**
 * The sweep's rate–distortion plane: R across, D up; lines of equal −ELBO = D + R, the bound
 * D + R = H (unreachable side shaded) where H is known, every run's path faded, the empirical
 * frontier, and each run's final point in its colour.
 */
import type { RatePoint } from '../../../../shared/linear-gaussian';
import { niceTicks, toPixel, type LinearScale } from '../../canvas/scale';
import { axes, diagonal, PAD, thinPath } from '../rate-distortion/rd-draw';
import { canvasFont } from '../../canvas/text-scale';

export interface SweepRdScene {
  runs: { path: readonly RatePoint[]; final: RatePoint | null; color: string }[];
  frontier: readonly RatePoint[];
  entropy: number | null;
  colors: { text: string; grid: string; bound: string; frontier: string };
}

/** Points of each faded path (the newest is always kept). */
const PATH_POINTS = 120;

function extent(s: SweepRdScene): { x: LinearScale; y: LinearScale } & { rMax: number; dMin: number } {
  const finals = s.runs.flatMap((r) => (r.final ? [r.final] : []));
  // The paths' first epochs sit far above the end: the box follows the later half of every path.
  const later = s.runs.flatMap((r) => r.path.slice(Math.floor(r.path.length / 2)));
  const all = [...finals, ...later].filter((p) => Number.isFinite(p.rate) && Number.isFinite(p.distortion));
  const rMax = Math.max(0.5, ...all.map((p) => p.rate)) * 1.08;
  let dMin = Math.min(...all.map((p) => p.distortion));
  let dMax = Math.max(...all.map((p) => p.distortion));
  if (s.entropy !== null) dMin = Math.min(dMin, s.entropy - rMax);
  const span = Math.max(0.5, dMax - dMin);
  dMin -= 0.06 * span;
  dMax += 0.06 * span;
  return { x: { min: 0, max: rMax, from: 0, to: 0 }, y: { min: dMin, max: dMax, from: 0, to: 0 }, rMax, dMin };
}

export function drawSweepPlane(ctx: CanvasRenderingContext2D, width: number, height: number, s: SweepRdScene): void {
  ctx.clearRect(0, 0, width, height);
  if (!s.runs.some((r) => r.final)) return;
  const e = extent(s);
  const x: LinearScale = { ...e.x, from: PAD.left, to: width - PAD.right };
  const y: LinearScale = { ...e.y, from: height - PAD.bottom, to: PAD.top };
  const px = (p: RatePoint) => toPixel(x, p.rate);
  const py = (p: RatePoint) => toPixel(y, p.distortion);
  ctx.font = canvasFont(11);
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom);
  ctx.clip();
  ctx.strokeStyle = s.colors.grid;
  ctx.lineWidth = 1;
  for (const level of niceTicks(y.min, y.max + x.max, 8)) diagonal(ctx, x, y, level);
  if (s.entropy !== null) {
    const h = s.entropy;
    ctx.fillStyle = s.colors.bound + '22';
    ctx.beginPath();
    ctx.moveTo(toPixel(x, 0), toPixel(y, h));
    ctx.lineTo(toPixel(x, x.max), toPixel(y, h - x.max));
    ctx.lineTo(toPixel(x, x.max), toPixel(y, y.min));
    ctx.lineTo(toPixel(x, 0), toPixel(y, y.min));
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = s.colors.bound;
    ctx.lineWidth = 2;
    diagonal(ctx, x, y, h);
  }
  ctx.globalAlpha = 0.3;
  ctx.lineWidth = 1.2;
  for (const r of s.runs) {
    const pts = thinPath(r.path, PATH_POINTS);
    if (pts.length < 2) continue;
    ctx.strokeStyle = r.color;
    ctx.beginPath();
    pts.forEach((p, i) => (i === 0 ? ctx.moveTo(px(p), py(p)) : ctx.lineTo(px(p), py(p))));
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  if (s.frontier.length > 1) {
    ctx.strokeStyle = s.colors.frontier;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 3]);
    ctx.beginPath();
    s.frontier.forEach((p, i) => (i === 0 ? ctx.moveTo(px(p), py(p)) : ctx.lineTo(px(p), py(p))));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const r of s.runs) {
    if (!r.final) continue;
    ctx.fillStyle = r.color;
    ctx.strokeStyle = s.colors.text;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.arc(px(r.final), py(r.final), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
  axes(ctx, width, height, x, y, s.colors.text);
}
