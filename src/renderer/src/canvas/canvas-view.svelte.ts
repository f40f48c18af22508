/**
 * One attachment for the canvases the views draw themselves (latent map, 2-D data space, 3-D
 * cloud, KL bars): the backing store follows the CSS box × devicePixelRatio, drawing runs at most
 * once per animation frame with the newest inputs, again when the box is resized or the system
 * switches between light and dark, and everything stops when the canvas goes.
 *
 * `{@attach canvasView(() => ({ snapshot, hover }), draw)}`: `input` is read in an effect, so
 * every reactive value it reads triggers a redraw; `draw` runs outside it.
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { fitCanvas, frameScheduler, themeColors, type ThemeColors } from './frame';
import { onRootChange } from './text-scale';

/** A canvas's size in CSS pixels. */
export interface CanvasBox {
  width: number;
  height: number;
}

/** Draws `input` on `ctx`, whose units are CSS pixels of a canvas `box` in size. */
export type CanvasDraw<T> = (ctx: CanvasRenderingContext2D, box: CanvasBox, theme: ThemeColors, input: T) => void;

export function canvasView<T>(input: () => T, draw: CanvasDraw<T>): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let latest = untrack(input);
    const frame = frameScheduler(() => {
      const { width, height, ratio } = fitCanvas(canvas);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      draw(ctx, { width, height }, themeColors(canvas), latest);
    });

    $effect(() => {
      latest = input();
      frame.request();
    });

    const redraw = () => frame.request();
    const resized = new ResizeObserver(redraw);
    resized.observe(canvas);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', redraw);
    // Zooming changes devicePixelRatio without resizing the CSS box; the window sees it.
    window.addEventListener('resize', redraw);
    // The page's text scale changes with the root's class (Present): fonts and margins follow it.
    const stopRoot = onRootChange(redraw);
    return () => {
      stopRoot();
      frame.cancel();
      resized.disconnect();
      scheme.removeEventListener('change', redraw);
      window.removeEventListener('resize', redraw);
    };
  };
}
