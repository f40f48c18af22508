/**
 * The collapse diagram: above, KL of each latent dimension (largest first) against the swept
 * value, with whiskers over runs at the same value and the linear-Gaussian law's curve dashed;
 * below, active units. The law's collapse points βσ² = λᵢ are vertical dotted lines. The x axis is
 * logarithmic for β and σ².
 */
import { niceTicks, toPixel, type LinearScale } from '../../canvas/scale';
import { formatLoss } from '../common/format';
import type { CollapseColumn, LawCurve } from './collapse-series';
import { canvasFont, scaled, scaledPad } from '../../canvas/text-scale';

export interface CollapseScene {
  columns: readonly CollapseColumn[];
  law: LawCurve | null;
  log: boolean;
  xLabel: string;
  /** One colour per latent dimension (by KL rank). */
  dimColors: readonly string[];
  colors: { text: string; grid: string; law: string; active: string };
}

const PAD = scaledPad({ left: 50, right: 14, top: 10, bottom: 34, gap: 26 });

export function drawCollapse(ctx: CanvasRenderingContext2D, width: number, height: number, s: CollapseScene): void {
  ctx.clearRect(0, 0, width, height);
  if (s.columns.length === 0) return;
  const f = s.log ? Math.log10 : (v: number) => v;
  const values = s.columns.map((c) => c.value);
  let lo = f(Math.min(...values));
  let hi = f(Math.max(...values));
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const padX = 0.05 * (hi - lo);
  const x: LinearScale = { min: lo - padX, max: hi + padX, from: PAD.left, to: width - PAD.right };
  const X = (v: number) => toPixel(x, f(v));
  const plotH = height - PAD.top - PAD.bottom - PAD.gap;
  const klBottom = PAD.top + plotH * 0.64;
  const auTop = klBottom + PAD.gap;
  const lawKl = s.law ? s.law.kl.flat().filter((v, i) => inView(s.law!.xs[i % s.law!.xs.length], x, f)) : [];
  const klMax = Math.max(0.1, ...s.columns.flatMap((c) => c.kl.map((k) => k.max)), ...lawKl) * 1.08;
  const kMax = Math.max(1, ...s.columns.map((c) => c.kl.length));
  const yk: LinearScale = { min: 0, max: klMax, from: klBottom, to: PAD.top };
  const ya: LinearScale = { min: 0, max: kMax + 0.3, from: height - PAD.bottom, to: auTop };
  ctx.font = canvasFont(11);
  grid(ctx, x, yk, s, klBottom);
  grid(ctx, x, ya, s, height - PAD.bottom, true);
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom);
  ctx.clip();
  if (s.law) {
    const law = s.law;
    ctx.strokeStyle = s.colors.law;
    ctx.setLineDash([1, 3]);
    for (const c of law.collapseAt) {
      if (!inView(c, x, f)) continue;
      ctx.beginPath();
      ctx.moveTo(X(c), PAD.top);
      ctx.lineTo(X(c), height - PAD.bottom);
      ctx.stroke();
    }
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    law.kl.forEach((line, i) => {
      ctx.strokeStyle = s.dimColors[i % s.dimColors.length];
      polyline(
        ctx,
        law.xs.map((v, j) => [X(v), toPixel(yk, line[j])]),
      );
    });
    ctx.strokeStyle = s.colors.law;
    polyline(ctx, steps(law.xs.map((v, j) => [X(v), toPixel(ya, law.active[j])])));
    ctx.setLineDash([]);
  }
  for (let i = 0; i < kMax; i++) {
    const color = s.dimColors[i % s.dimColors.length];
    series(ctx, s.columns, (c) => c.kl[i], X, yk, color);
  }
  series(ctx, s.columns, (c) => c.active, X, ya, s.colors.active);
  ctx.restore();
  ctx.fillStyle = s.colors.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks(x, s.log)) ctx.fillText(formatLoss(t), X(t), height - PAD.bottom + scaled(4));
  ctx.fillText(s.xLabel + (s.log ? ' (log scale)' : ''), (PAD.left + width - PAD.right) / 2, height - scaled(14));
  sideLabel(ctx, 'KL per dim (nats)', (PAD.top + klBottom) / 2);
  sideLabel(ctx, 'active units', (auTop + height - PAD.bottom) / 2);
}

function inView(v: number, x: LinearScale, f: (v: number) => number): boolean {
  return f(v) >= x.min && f(v) <= x.max;
}

function xTicks(x: LinearScale, log: boolean): number[] {
  if (!log) return niceTicks(x.min, x.max, 6);
  const out: number[] = [];
  for (let p = Math.ceil(x.min); p <= Math.floor(x.max); p++) out.push(10 ** p);
  return out.length >= 2 ? out : [10 ** x.min, 10 ** x.max].map((v) => Number(v.toPrecision(2)));
}

function grid(
  ctx: CanvasRenderingContext2D,
  x: LinearScale,
  y: LinearScale,
  s: CollapseScene,
  bottom: number,
  whole = false,
) {
  ctx.strokeStyle = s.colors.grid;
  ctx.fillStyle = s.colors.text;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const ticks = whole ? Array.from({ length: Math.floor(y.max) + 1 }, (_, i) => i) : niceTicks(y.min, y.max, 4);
  for (const t of ticks) {
    const py = toPixel(y, t);
    ctx.beginPath();
    ctx.moveTo(x.from, py);
    ctx.lineTo(x.to, py);
    ctx.stroke();
    ctx.fillText(whole ? String(t) : formatLoss(t), x.from - 4, py);
  }
  ctx.strokeStyle = s.colors.text;
  ctx.beginPath();
  ctx.moveTo(x.from, y.to);
  ctx.lineTo(x.from, bottom);
  ctx.lineTo(x.to, bottom);
  ctx.stroke();
}

function series(
  ctx: CanvasRenderingContext2D,
  columns: readonly CollapseColumn[],
  pick: (c: CollapseColumn) => { mean: number; min: number; max: number } | undefined,
  X: (v: number) => number,
  y: LinearScale,
  color: string,
): void {
  const pts = columns.flatMap((c) => {
    const p = pick(c);
    return p ? [{ x: X(c.value), p }] : [];
  });
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2;
  polyline(
    ctx,
    pts.map((q) => [q.x, toPixel(y, q.p.mean)]),
  );
  ctx.lineWidth = 1;
  for (const q of pts) {
    if (q.p.max > q.p.min) {
      ctx.beginPath();
      ctx.moveTo(q.x, toPixel(y, q.p.min));
      ctx.lineTo(q.x, toPixel(y, q.p.max));
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.arc(q.x, toPixel(y, q.p.mean), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

function polyline(ctx: CanvasRenderingContext2D, pts: number[][]): void {
  if (pts.length === 0) return;
  ctx.beginPath();
  pts.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
  ctx.stroke();
}

/** A step line: the value holds until the next point. */
function steps(pts: number[][]): number[][] {
  return pts.flatMap((p, i) => (i === 0 ? [p] : [[p[0], pts[i - 1][1]], p]));
}

function sideLabel(ctx: CanvasRenderingContext2D, text: string, mid: number): void {
  ctx.save();
  ctx.translate(11, mid);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, 0);
  ctx.restore();
}
