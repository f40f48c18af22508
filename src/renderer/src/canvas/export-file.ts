import { exportFileName, exportTitle, type ExportCaption } from './export-caption';

/** Save a Blob under `name` through a temporary download link (works in the browser and in Electron). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A canvas as a PNG file. */
export function downloadCanvas(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (blob !== null) downloadBlob(blob, name);
  }, 'image/png');
}

export function downloadText(text: string, name: string, type = 'text/csv'): void {
  downloadBlob(new Blob([text], { type }), name);
}

let captionNow: (() => ExportCaption | null) | null = null;

/** Where exports read the dataset, settings and epoch for their title and file name (set by the workspace). */
export function captionExportsWith(source: () => ExportCaption | null): () => void {
  captionNow = source;
  return () => {
    if (captionNow === source) captionNow = null;
  };
}

/**
 * A canvas as a PNG on an opaque `background` (charts draw on transparency), with a title line
 * above it naming the view, the dataset, the key settings and the epoch; the file name carries them too.
 */
export function downloadCanvasOn(canvas: HTMLCanvasElement, name: string, background: string): void {
  const caption = captionNow?.() ?? null;
  const view = name.replace(/^vae-lab-|\.png$/g, '').replace(/-/g, ' ');
  // Device pixels per CSS pixel of the picture; at least 1, so a small image grid gets a legible title.
  const scale = Math.max(1, canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1);
  const title = caption === null ? null : exportTitle(view, caption);
  const font = `${Math.round(12 * scale)}px system-ui, sans-serif`;
  const copy = document.createElement('canvas');
  const ctx = copy.getContext('2d');
  const file = caption === null ? name : exportFileName(name, caption);
  if (ctx === null) return downloadCanvas(canvas, file);
  ctx.font = font;
  const pad = Math.round(8 * scale);
  const titleW = title === null ? 0 : Math.ceil(ctx.measureText(title).width) + 2 * pad;
  const titleH = title === null ? 0 : Math.round(24 * scale);
  copy.width = Math.max(canvas.width, titleW);
  copy.height = canvas.height + titleH;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, copy.width, copy.height);
  if (title !== null) {
    ctx.font = font;
    ctx.fillStyle = getComputedStyle(canvas).color || '#222';
    ctx.textBaseline = 'middle';
    ctx.fillText(title, pad, titleH / 2, copy.width - 2 * pad);
  }
  ctx.drawImage(canvas, Math.floor((copy.width - canvas.width) / 2), titleH);
  downloadCanvas(copy, file);
}
