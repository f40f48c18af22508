import { COLLAPSE_KL_NATS } from './collapse';
import { formatLoss } from '../common/format';
import { niceTicks } from '../../canvas/scale';

export interface BarColors {
  bar: string;
  collapsed: string;
  text: string;
  grid: string;
}

const PAD = { left: 44, right: 8, top: 16, bottom: 24 };

/**
 * KL of each latent dimension as bars on `ctx` (CSS pixels, `width × height`); bars under
 * COLLAPSE_KL_NATS in the collapsed colour, each labelled z1, z2, … and its value when few.
 */
export function drawKlBars(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  kl: readonly number[],
  colors: BarColors,
): void {
  ctx.clearRect(0, 0, width, height);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const top = Math.max(COLLAPSE_KL_NATS * 10, ...kl.filter(Number.isFinite));
  const ticks = niceTicks(0, top, 4);
  const max = Math.max(top, ticks.at(-1) ?? top);
  const y = (v: number) => PAD.top + plotH * (1 - Math.min(1, Math.max(0, v) / max));
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.strokeStyle = colors.grid;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(t));
    ctx.lineTo(width - PAD.right, y(t));
    ctx.stroke();
    ctx.fillStyle = colors.text;
    ctx.fillText(formatLoss(t), PAD.left - 4, y(t));
  }
  const slot = plotW / Math.max(1, kl.length);
  const barW = Math.max(1, Math.min(40, slot * 0.7));
  ctx.textAlign = 'center';
  kl.forEach((v, j) => {
    const cx = PAD.left + slot * (j + 0.5);
    const collapsed = !(v >= COLLAPSE_KL_NATS);
    ctx.fillStyle = collapsed ? colors.collapsed : colors.bar;
    // A collapsed bar is drawn at least 2 px tall so it stays visible.
    const barTop = Math.min(y(v), PAD.top + plotH - 2);
    ctx.fillRect(cx - barW / 2, barTop, barW, PAD.top + plotH - barTop);
    ctx.fillStyle = colors.text;
    if (kl.length <= 16) {
      ctx.textBaseline = 'top';
      ctx.fillText(`z${j + 1}`, cx, PAD.top + plotH + 5);
      ctx.textBaseline = 'bottom';
      ctx.fillText(formatLoss(v), cx, barTop - 2);
    }
  });
}
