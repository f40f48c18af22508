/**
 * The drawing canvas's geometry and brush: the canvas shows data space [−EXTENT, EXTENT]²,
 * and a dab of brush radius r drops DAB_POINTS points uniformly in the disc (one when r = 0).
 */
import type { LabelledPoint } from '../../../../shared/protocol';

export const EXTENT = 4;
export const DAB_POINTS = 4;
export const CLUSTER_POINTS = 40;
export const DRAW_CLASSES = 5;

/** Data coordinates of pixel (px, py) on a canvas `size` pixels wide and high (y up). */
export function toData(px: number, py: number, size: number): { x: number; y: number } {
  return { x: (px / size) * 2 * EXTENT - EXTENT, y: EXTENT - (py / size) * 2 * EXTENT };
}

/** Pixel coordinates of a data point. */
export function toPixel(x: number, y: number, size: number): { px: number; py: number } {
  return { px: ((x + EXTENT) / (2 * EXTENT)) * size, py: ((EXTENT - y) / (2 * EXTENT)) * size };
}

/** `count` points in the disc of radius r around (x, y) (area-uniform: radius r·√u). */
export function dab(
  x: number,
  y: number,
  r: number,
  label: number,
  count: number,
  random: () => number = Math.random,
): LabelledPoint[] {
  if (r <= 0) return [{ x, y, label }];
  return Array.from({ length: count }, () => {
    const rho = r * Math.sqrt(random()),
      phi = 2 * Math.PI * random();
    return { x: clampToCanvas(x + rho * Math.cos(phi)), y: clampToCanvas(y + rho * Math.sin(phi)), label };
  });
}

function clampToCanvas(v: number): number {
  return Math.max(-EXTENT, Math.min(EXTENT, v));
}
