import { frameOf, projectPoints, type Rotation } from './projection';
import { canvasFont } from '../../canvas/text-scale';

export interface CloudScene {
  /** Training rows `[rows × 3]`. */
  x: Float32Array;
  rows: number;
  /** Decoded prior samples `[count × 3]`. */
  decoded: Float32Array;
  count: number;
  /** x* `[3]`, or null. */
  star: readonly number[] | null;
  rotation: Rotation;
  columns: [string, string, string];
  /** Decoder manifold polylines `[lines × points × 3]`, or null. */
  manifold: { points: number; mean: Float32Array } | null;
  colors: { text: string; data: string; decoded: string; manifold: string };
}

/** Orthographic view of two point clouds in one frame (the data's) with a depth cue, plus a small axis triad. */
export function drawCloud(ctx: CanvasRenderingContext2D, width: number, height: number, s: CloudScene): void {
  ctx.clearRect(0, 0, width, height);
  const { center, radius } = frameOf(s.x, s.rows);
  const scale = (0.45 * Math.min(width, height)) / radius;
  const cx = width / 2;
  const cy = height / 2;
  // Depth cue: points are drawn back to front, the nearer ones larger and fully opaque, the
  // farther ones smaller and fainter (depth measured over the data's own frame).
  const place = (points: Float32Array, n: number, color: string, size: number) => {
    const centred = new Float32Array(n * 3);
    for (let i = 0; i < n * 3; i++) centred[i] = points[i] - center[i % 3];
    const p = projectPoints(centred, n, s.rotation);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[3 * a + 2] - p[3 * b + 2]);
    ctx.fillStyle = color;
    for (const i of order) {
      if (!Number.isFinite(p[3 * i]) || !Number.isFinite(p[3 * i + 1])) continue;
      const near = depthShare(p[3 * i + 2], radius);
      const d = size * (0.6 + 0.8 * near);
      ctx.globalAlpha = 0.35 + 0.65 * near;
      ctx.fillRect(cx + scale * p[3 * i] - d / 2, cy - scale * p[3 * i + 1] - d / 2, d, d);
    }
    ctx.globalAlpha = 1;
    return p;
  };
  place(s.x, s.rows, s.colors.data, 2.5);
  place(s.decoded, s.count, s.colors.decoded, 3);
  if (s.manifold !== null) {
    const { points, mean } = s.manifold;
    const lines = Math.floor(mean.length / Math.max(1, points * 3));
    const centred = new Float32Array(mean.length);
    for (let i = 0; i < mean.length; i++) centred[i] = mean[i] - center[i % 3];
    const p = projectPoints(centred, lines * points, s.rotation);
    ctx.strokeStyle = s.colors.manifold;
    ctx.lineWidth = 1.2;
    ctx.globalAlpha = 0.7;
    for (let l = 0; l < lines; l++) {
      ctx.beginPath();
      for (let q = 0; q < points; q++) {
        const i = l * points + q;
        const px = cx + scale * p[3 * i];
        const py = cy - scale * p[3 * i + 1];
        if (q === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  if (s.star !== null && s.star.length === 3) {
    const p = place(Float32Array.from(s.star), 1, '#ffd43b', 9);
    ctx.strokeStyle = '#000';
    ctx.strokeRect(cx + scale * p[0] - 4.5, cy - scale * p[1] - 4.5, 9, 9);
  }
  drawTriad(ctx, 34, height - 34, s);
}

/** 0 at the far side of the data's sphere, 1 at the near side (depth is towards the viewer). */
export function depthShare(depth: number, radius: number): number {
  if (!(radius > 0) || !Number.isFinite(depth)) return 0.5;
  return Math.min(1, Math.max(0, 0.5 + depth / (2 * radius)));
}

function drawTriad(ctx: CanvasRenderingContext2D, ox: number, oy: number, s: CloudScene): void {
  const axes = projectPoints(Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3, s.rotation);
  ctx.save();
  ctx.font = canvasFont(11);
  ctx.strokeStyle = s.colors.text;
  ctx.fillStyle = s.colors.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let a = 0; a < 3; a++) {
    const ex = ox + 22 * axes[3 * a];
    const ey = oy - 22 * axes[3 * a + 1];
    ctx.beginPath();
    ctx.moveTo(ox, oy);
    ctx.lineTo(ex, ey);
    ctx.stroke();
    ctx.fillText(s.columns[a], ox + 30 * axes[3 * a], oy - 30 * axes[3 * a + 1]);
  }
  ctx.restore();
}
