/**
 * One latent-map thumbnail: encoder means of the display rows on the prior's scale (±3 on both
 * axes, so a collapsed run shows as a dot at the origin), coloured by class.
 */
import { classColor } from '../../canvas/class-colors';

export interface ThumbScene {
  means: Float32Array;
  latent: number;
  labels: Int32Array | null;
  colors: { grid: string; point: string };
}

const HALF = 3;

export function drawThumb(ctx: CanvasRenderingContext2D, width: number, height: number, s: ThumbScene): void {
  ctx.clearRect(0, 0, width, height);
  const size = Math.min(width, height);
  const ox = (width - size) / 2;
  const oy = (height - size) / 2;
  const px = (v: number) => ox + ((v + HALF) / (2 * HALF)) * size;
  const py = (v: number) => oy + size - ((v + HALF) / (2 * HALF)) * size;
  ctx.strokeStyle = s.colors.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(px(-HALF), py(0));
  ctx.lineTo(px(HALF), py(0));
  ctx.moveTo(px(0), py(-HALF));
  ctx.lineTo(px(0), py(HALF));
  ctx.stroke();
  const rows = Math.floor(s.means.length / s.latent);
  for (let r = 0; r < rows; r++) {
    const z1 = s.means[r * s.latent];
    const z2 = s.latent > 1 ? s.means[r * s.latent + 1] : 0;
    ctx.fillStyle = s.labels && s.labels[r] !== undefined ? classColor(s.labels[r]) : s.colors.point;
    ctx.fillRect(px(z1) - 0.75, py(z2) - 0.75, 1.5, 1.5);
  }
}
