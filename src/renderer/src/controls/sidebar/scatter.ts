/** A small scatter plot straight to a 2-D canvas: points of `[rows × dim]`, columns 0 and 1. */
import { classColor } from '../../canvas/class-colors';

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The data's bounding box over columns 0 and 1, padded by 5 % and made square. */
export function squareBounds(x: Float32Array, dim: number, rows: number): Bounds {
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < rows; i++) {
    const a = x[i * dim],
      b = x[i * dim + 1];
    minX = Math.min(minX, a);
    maxX = Math.max(maxX, a);
    minY = Math.min(minY, b);
    maxY = Math.max(maxY, b);
  }
  if (!Number.isFinite(minX)) return { minX: -1, maxX: 1, minY: -1, maxY: 1 };
  const half = Math.max(maxX - minX, maxY - minY, 1e-6) * 0.55;
  const cx = (minX + maxX) / 2,
    cy = (minY + maxY) / 2;
  return { minX: cx - half, maxX: cx + half, minY: cy - half, maxY: cy + half };
}

/** Draws the points as dots coloured by class onto a cleared canvas. */
export function drawScatter(
  ctx: CanvasRenderingContext2D,
  x: Float32Array,
  dim: number,
  labels: Int32Array,
  b: Bounds,
  dot = 2,
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  const rows = labels.length;
  const sx = width / (b.maxX - b.minX),
    sy = height / (b.maxY - b.minY);
  for (let i = 0; i < rows; i++) {
    ctx.fillStyle = classColor(labels[i]);
    ctx.fillRect((x[i * dim] - b.minX) * sx - dot / 2, height - (x[i * dim + 1] - b.minY) * sy - dot / 2, dot, dot);
  }
}
