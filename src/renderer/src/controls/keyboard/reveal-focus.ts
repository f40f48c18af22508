/**
 * A focused control scrolls fully into view inside its scrolling panel: the whole control with its
 * label and hint (a slider's block, a fieldset, a table row), not just the part the browser needs.
 */
const CONTROL_BLOCK = '.slider, .row, .check, fieldset, tr, li';

/** For `onfocusin` on a scrolling container (the sidebar, the views). */
export function revealFocused(event: FocusEvent): void {
  const container = event.currentTarget;
  const target = event.target;
  if (!(container instanceof HTMLElement) || !(target instanceof HTMLElement)) return;
  const block = target.closest(CONTROL_BLOCK);
  const shown = block instanceof HTMLElement && container.contains(block) ? block : target;
  const box = container.getBoundingClientRect();
  const fits = shown.getBoundingClientRect().height <= box.height;
  reveal(container, fits ? shown : target);
}

function reveal(container: HTMLElement, element: HTMLElement): void {
  const box = container.getBoundingClientRect();
  const rect = element.getBoundingClientRect();
  const margin = 8;
  if (rect.top < box.top) container.scrollTop -= box.top - rect.top + margin;
  else if (rect.bottom > box.bottom) container.scrollTop += rect.bottom - box.bottom + margin;
}
