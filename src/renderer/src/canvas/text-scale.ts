/**
 * Text drawn on canvases (axes, ticks, labels, chart.js legends) follows the page's type size, so it
 * grows with the rest of the text when a view is presented (html.presenting raises the root font
 * size) or the user's default font is larger. `textScale()` is the root font size over 16 px;
 * `canvasFont(11)` and `scaled(n)` size fonts, margins and text offsets by it.
 */

/** The root font size the canvases' sizes were chosen for (the browsers' default). */
const BASE_PX = 16;

let cached: number | null = null;
let watching = false;

function measure(): number {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return 1;
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / BASE_PX : 1;
}

/** Calls `change` when the root element's class or style changes (the scale may have changed). */
export function onRootChange(change: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => {};
  const observer = new MutationObserver(change);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  return () => observer.disconnect();
}

export function textScale(): number {
  if (!watching) {
    watching = true;
    onRootChange(() => (cached = null));
  }
  cached ??= measure();
  return cached;
}

/** `n` CSS pixels at the current text scale. */
export function scaled(n: number): number {
  return n * textScale();
}

/** A canvas font of `px` CSS pixels at the current text scale. */
export function canvasFont(px = 11, weight = ''): string {
  return `${weight ? `${weight} ` : ''}${Math.round(scaled(px) * 10) / 10}px system-ui, sans-serif`;
}

/** Margins whose every side reads at the current text scale (so the same object serves every draw). */
export function scaledPad<T extends Record<string, number>>(pad: T): Readonly<T> {
  const out = {} as T;
  for (const key of Object.keys(pad) as (keyof T & string)[]) {
    Object.defineProperty(out, key, { enumerable: true, get: () => scaled(pad[key]) });
  }
  return out;
}
