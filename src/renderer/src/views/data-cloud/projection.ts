/**
 * A tiny 3-D view: rotate points about the vertical axis (yaw) then the horizontal one
 * (pitch), and drop depth (orthographic). Enough to turn a swiss roll in the hand.
 */
export interface Rotation {
  /** Radians about the y axis. */
  yaw: number;
  /** Radians about the x axis, clamped to ±π/2 so the view never flips. */
  pitch: number;
}

// Looking down on the roll a little, so the spiral of swiss-roll and the S of s-curve show at once.
export const DEFAULT_ROTATION: Rotation = { yaw: 0.5, pitch: 1.0 };
const PITCH_LIMIT = Math.PI / 2;

/** Rotation after a drag of (dx, dy) pixels, `speed` radians per pixel. */
export function dragRotation(r: Rotation, dx: number, dy: number, speed = 0.01): Rotation {
  return { yaw: r.yaw + dx * speed, pitch: Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, r.pitch + dy * speed)) };
}

/**
 * Projects points `[n × 3]` (already centred and scaled) into `out` `[n × 3]`: screen x, screen
 * y (up), depth (towards the viewer). x' = x cos yaw + z sin yaw; z₁ = −x sin yaw + z cos yaw;
 * y' = y cos pitch − z₁ sin pitch; depth = y sin pitch + z₁ cos pitch.
 */
export function projectPoints(
  points: Float32Array,
  n: number,
  r: Rotation,
  out = new Float32Array(n * 3),
): Float32Array {
  const cy = Math.cos(r.yaw);
  const sy = Math.sin(r.yaw);
  const cp = Math.cos(r.pitch);
  const sp = Math.sin(r.pitch);
  for (let i = 0; i < n; i++) {
    const x = points[3 * i];
    const y = points[3 * i + 1];
    const z = points[3 * i + 2];
    const z1 = -x * sy + z * cy;
    out[3 * i] = x * cy + z * sy;
    out[3 * i + 1] = y * cp - z1 * sp;
    out[3 * i + 2] = y * sp + z1 * cp;
  }
  return out;
}

/**
 * Centre and radius of points `[n × 3]` so several clouds share one frame: centre = mid-range, radius
 * = max distance from it.
 */
export function frameOf(points: Float32Array, n: number): { center: [number, number, number]; radius: number } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 3; d++) {
      const v = points[3 * i + d];
      if (!Number.isFinite(v)) continue;
      lo[d] = Math.min(lo[d], v);
      hi[d] = Math.max(hi[d], v);
    }
  }
  if (!Number.isFinite(lo[0])) return { center: [0, 0, 0], radius: 1 };
  const center: [number, number, number] = [0, 1, 2].map((d) => (lo[d] + hi[d]) / 2) as [number, number, number];
  let r2 = 0;
  for (let i = 0; i < n; i++) {
    let d2 = 0;
    for (let d = 0; d < 3; d++) d2 += (points[3 * i + d] - center[d]) ** 2;
    if (Number.isFinite(d2) && d2 > r2) r2 = d2;
  }
  return { center, radius: Math.sqrt(r2) || 1 };
}
