/**
 * DOM types and calls the .svelte files use, named here: the lint setup checks .svelte files
 * for undefined globals (browser globals included), while .ts files are left to the compiler.
 */
export type Canvas = HTMLCanvasElement;
export type Box = HTMLDivElement;
export type Pointer = PointerEvent;
export type Key = KeyboardEvent;

/** The theme's surface colour at `element` (the background of exported pictures). */
export function surfaceOf(element: Element): string {
  return getComputedStyle(element).getPropertyValue('--surface').trim() || '#ffffff';
}

/** RGBA `pixels` `[height × width × 4]` onto the canvas's top-left corner. */
export function putPixels(ctx: CanvasRenderingContext2D, pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): void {
  ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
}
