/** The lab's global keys, and when a key press is the user typing rather than a shortcut. */

export interface Shortcut {
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[];
  /** As shown in the help overlay. */
  shown: string;
  what: string;
}

export type ShortcutAction = 'train-pause' | 'step' | 'reset' | 'present' | 'help';

export const SHORTCUTS: Readonly<Record<ShortcutAction, Shortcut>> = {
  'train-pause': { keys: [' '], shown: 'Space', what: 'Train, or Pause while training' },
  step: { keys: ['.'], shown: '.', what: 'Step: train one epoch' },
  reset: { keys: ['r', 'R'], shown: 'R', what: 'Reset: start again from new initial weights' },
  present: {
    keys: ['p', 'P'],
    shown: 'P',
    what: 'Present the view with the focus (else the first) full-window; Escape leaves',
  },
  help: { keys: ['?'], shown: '?', what: 'Show or hide this list' },
};

/** Inputs that take text: every key typed there is text, never a shortcut. */
const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', '']);

function typingIn(target: Element): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * Space on a button, checkbox, slider, link or summary is that control's own key; the toolbar's
 * Train/Pause/Step/Reset buttons are the exception, so Space pauses right after Train was clicked.
 */
function spaceIsTheControls(target: Element): boolean {
  if (target.closest('[role="group"][aria-label="Training"]') !== null) return false;
  return (
    target.closest('button, a[href], summary, input, select, [role="slider"], [role="button"]') !== null ||
    target.matches('[tabindex]:not([tabindex="-1"])')
  );
}

/** The action a key press asks for, or null when it is typing, a control's own key, or has modifiers. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || event.repeat) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target !== null && (typingIn(target) || target.closest('dialog[open]') !== null)) return null;
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as [ShortcutAction, Shortcut][]) {
    if (!shortcut.keys.includes(event.key)) continue;
    if (action === 'train-pause' && target !== null && spaceIsTheControls(target)) return null;
    return action;
  }
  return null;
}
