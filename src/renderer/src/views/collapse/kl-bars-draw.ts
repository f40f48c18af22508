import { COLLAPSE_KL_NATS } from './collapse';
import { formatLoss } from '../common/format';
import { niceTicks } from '../../canvas/scale';
import { canvasFont, scaled, scaledPad } from '../../canvas/text-scale';

export interface BarColors {
  bar: string;
  collapsed: string;
  text: string;
  grid: string;
  /** Text drawn inside a bar (an upright value with no room above it). */
  inside: string;
}

const PAD = scaledPad({ left: 44, right: 8, top: 16, bottom: 24 });

/**
 * KL of each latent dimension as bars on `ctx` (CSS pixels, `width × height`); bars under
 * COLLAPSE_KL_NATS in the collapsed colour, each labelled z1, z2, … and its value (barLayout).
 */
export function drawKlBars(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  kl: readonly number[],
  colors: BarColors,
): BarLayout {
  ctx.clearRect(0, 0, width, height);
  ctx.font = canvasFont(11);
  const plotW = width - PAD.left - PAD.right;
  const layout = barLayout(ctx, kl, plotW / Math.max(1, kl.length));
  // Names in two staggered rows take one more line below the bars.
  const plotH = height - PAD.top - PAD.bottom - (layout.stagger ? scaled(12) : 0);
  const top = Math.max(COLLAPSE_KL_NATS * 10, ...kl.filter(Number.isFinite));
  const ticks = niceTicks(0, top, 4);
  const max = Math.max(top, ticks.at(-1) ?? top);
  const y = (v: number) => PAD.top + plotH * (1 - Math.min(1, Math.max(0, v) / max));
  ctx.font = canvasFont(11);
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
    // Names under every bar while they fit (else every 2nd, 4th, …); values over the bars only where
    // each fits its slot, else turned upright so they never run into each other.
    if (j % layout.nameEvery === 0 || j === kl.length - 1) {
      ctx.textBaseline = 'top';
      ctx.fillText(`z${j + 1}`, cx, PAD.top + plotH + scaled(5) + (layout.stagger && j % 2 === 1 ? scaled(12) : 0));
    }
    if (layout.values === 'across') {
      ctx.textBaseline = 'bottom';
      ctx.fillText(formatLoss(v), cx, barTop - 2);
    } else if (layout.values === 'upright') {
      const text = formatLoss(v);
      const room = barTop - PAD.top + PAD.top - 2;
      const above = ctx.measureText(text).width + 3 <= room;
      ctx.save();
      ctx.translate(cx, above ? barTop - 3 : barTop + 3);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = above ? 'left' : 'right';
      ctx.textBaseline = 'middle';
      if (!above) ctx.fillStyle = colors.inside;
      ctx.fillText(text, 0, 0);
      ctx.restore();
    }
  });
  return layout;
}

export interface BarLayout {
  /** A name under every n-th bar. */
  nameEvery: number;
  /** Names alternate between two rows, so each bar keeps its name where one row is too tight. */
  stagger: boolean;
  /** Values over the bars, upright where they do not fit across a slot, none when even that is too tight. */
  values: 'across' | 'upright' | 'none';
}

/** How the names and values fit `slot` CSS pixels per bar. */
export function barLayout(ctx: CanvasRenderingContext2D, kl: readonly number[], slot: number): BarLayout {
  const widest = (texts: string[]) => Math.max(0, ...texts.map((t) => ctx.measureText(t).width));
  const nameW = widest(kl.map((_, j) => `z${j + 1}`)) + 4;
  const valueW = widest(kl.map((v) => formatLoss(v))) + 4;
  const stagger = nameW > slot && nameW <= 2 * slot;
  let nameEvery = 1;
  while (!stagger && nameW > slot * nameEvery && nameEvery < kl.length) nameEvery *= 2;
  const values = valueW <= slot ? 'across' : slot >= 12 ? 'upright' : 'none';
  return { nameEvery, stagger, values };
}
