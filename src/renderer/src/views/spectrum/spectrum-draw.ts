import { formatLoss } from '../common/format';
import { niceTicks } from '../../canvas/scale';
import { canvasFont, scaled, scaledPad } from '../../canvas/text-scale';

export interface SpectrumColors {
  bar: string;
  under: string;
  water: string;
  marker: string;
  text: string;
  grid: string;
  /** Behind the water level's label. */
  surface: string;
}

const PAD = scaledPad({ left: 48, right: 10, top: 16, bottom: 24 });

/**
 * Eigenvalues λᵢ as bars on a log axis and the water level βσ² as a horizontal line; bars at or
 * under the water (their latent dimension is predicted to collapse) in the `under` colour.
 */
export function drawEigenBars(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  eigenvalues: readonly number[],
  water: number,
  c: SpectrumColors,
): void {
  ctx.clearRect(0, 0, width, height);
  const positive = eigenvalues.filter((v) => v > 0);
  const lo = Math.log10(Math.min(water, ...positive) / 4);
  const hi = Math.log10(Math.max(water, ...positive) * 2);
  const plotH = height - PAD.top - PAD.bottom;
  const base = PAD.top + plotH;
  const y = (v: number) => PAD.top + plotH * (1 - (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo));
  ctx.font = canvasFont(11);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let p = Math.ceil(lo); p <= Math.floor(hi); p++) {
    ctx.strokeStyle = c.grid;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(10 ** p));
    ctx.lineTo(width - PAD.right, y(10 ** p));
    ctx.stroke();
    ctx.fillStyle = c.text;
    ctx.fillText(formatLoss(10 ** p), PAD.left - 4, y(10 ** p));
  }
  const slot = (width - PAD.left - PAD.right) / Math.max(1, eigenvalues.length);
  const barW = Math.max(1, Math.min(48, slot * 0.7));
  ctx.textAlign = 'center';
  eigenvalues.forEach((v, i) => {
    const cx = PAD.left + slot * (i + 0.5);
    ctx.fillStyle = v > water ? c.bar : c.under;
    const top = Math.min(y(v), base - 2);
    ctx.fillRect(cx - barW / 2, top, barW, base - top);
    if (eigenvalues.length <= 16) {
      ctx.fillStyle = c.text;
      ctx.textBaseline = 'top';
      ctx.fillText(`λ${i + 1}`, cx, base + scaled(5));
      ctx.textBaseline = 'bottom';
      ctx.fillText(formatLoss(v), cx, top - 2);
    }
  });
  ctx.strokeStyle = c.water;
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(PAD.left, y(water));
  ctx.lineTo(width - PAD.right, y(water));
  ctx.stroke();
  ctx.setLineDash([]);
  const label = `βσ² = ${formatLoss(water)}`;
  const w = ctx.measureText(label).width;
  ctx.fillStyle = c.surface;
  ctx.fillRect(width - PAD.right - w - 4, y(water) - scaled(15), w + 4, scaled(13));
  ctx.fillStyle = c.water;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(label, width - PAD.right - 2, y(water) - scaled(3));
}

/** Measured KL per dimension (bars, largest first) with the law's prediction as a marker on each. */
export function drawKlAgainstLaw(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  measured: readonly number[] | null,
  predicted: readonly number[],
  c: SpectrumColors,
): void {
  ctx.clearRect(0, 0, width, height);
  const k = predicted.length;
  const all = [...predicted, ...(measured ?? [])].filter(Number.isFinite);
  const ticks = niceTicks(0, Math.max(0.5, ...all) * 1.1, 4);
  const max = ticks.at(-1) ?? 1;
  const plotH = height - PAD.top - PAD.bottom;
  const base = PAD.top + plotH;
  const y = (v: number) => PAD.top + plotH * (1 - Math.min(1, Math.max(0, v) / max));
  ctx.font = canvasFont(11);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.strokeStyle = c.grid;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(t));
    ctx.lineTo(width - PAD.right, y(t));
    ctx.stroke();
    ctx.fillStyle = c.text;
    ctx.fillText(formatLoss(t), PAD.left - 4, y(t));
  }
  const slot = (width - PAD.left - PAD.right) / Math.max(1, k);
  const barW = Math.max(1, Math.min(48, slot * 0.7));
  ctx.textAlign = 'center';
  for (let i = 0; i < k; i++) {
    const cx = PAD.left + slot * (i + 0.5);
    if (measured !== null) {
      ctx.fillStyle = c.bar;
      const top = Math.min(y(measured[i]), base - 2);
      ctx.fillRect(cx - barW / 2, top, barW, base - top);
    }
    ctx.strokeStyle = c.marker;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(cx - barW / 2 - 4, y(predicted[i]));
    ctx.lineTo(cx + barW / 2 + 4, y(predicted[i]));
    ctx.stroke();
    if (k <= 16) {
      ctx.fillStyle = c.text;
      ctx.textBaseline = 'top';
      ctx.fillText(`#${i + 1}`, cx, base + scaled(5));
    }
  }
}
