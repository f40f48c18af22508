/**
 * DOM types under local names for the .svelte files: ESLint's no-undef checks .svelte scripts
 * without TypeScript's DOM library in view (it is off for .ts files), so they import them from here.
 */
export type CanvasElement = HTMLCanvasElement;
export type InputElement = HTMLInputElement;
export type DropEvent = DragEvent;
export type PointerInput = PointerEvent;
export type KeyInput = KeyboardEvent;
export type FileBlob = File;
export type DialogElement = HTMLDialogElement;
