/**
 * Images `[n × (w·h)]` with values in [0, 1] (ink = 1) tiled into one RGBA buffer for
 * putImageData: `cols` tiles per row, `gap` background pixels between tiles. Values outside
 * [0, 1] (a Gaussian decoder's mean) are clamped; NaN shows as background.
 */
export interface TileLayout {
  width: number;
  height: number;
  cols: number;
  rows: number;
  gap: number;
}

export function tileLayout(n: number, w: number, h: number, cols: number, gap = 1): TileLayout {
  const rows = Math.max(1, Math.ceil(n / cols));
  return { width: cols * w + (cols - 1) * gap, height: rows * h + (rows - 1) * gap, cols, rows, gap };
}

/** RGBA of ink `v` ∈ [0, 1] between paper and ink colours: linear blend. */
export function tileImages(
  values: Float32Array,
  n: number,
  w: number,
  h: number,
  layout: TileLayout,
  paper: readonly number[],
  ink: readonly number[],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(layout.width * layout.height * 4);
  for (let p = 0; p < out.length; p += 4) {
    out[p] = paper[0];
    out[p + 1] = paper[1];
    out[p + 2] = paper[2];
    out[p + 3] = 255;
  }
  const size = w * h;
  for (let i = 0; i < n; i++) {
    const x0 = (i % layout.cols) * (w + layout.gap);
    const y0 = Math.floor(i / layout.cols) * (h + layout.gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const raw = values[i * size + y * w + x];
        const v = Number.isNaN(raw) ? 0 : Math.min(1, Math.max(0, raw));
        const p = ((y0 + y) * layout.width + x0 + x) * 4;
        for (let c = 0; c < 3; c++) out[p + c] = paper[c] + v * (ink[c] - paper[c]);
      }
    }
  }
  return out;
}

/** '#rrggbb' (or '#rgb') → [r, g, b]; anything else → `fallback`. */
export function hexRgb(color: string, fallback: readonly number[]): number[] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (m === null) return [...fallback];
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
