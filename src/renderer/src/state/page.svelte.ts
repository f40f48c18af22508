import type { Host } from '../hosts/host';
import type { Unsubscribe } from '../hosts/host';

/** Which top-level view is shown: the lab, Learn or Sweep (the tab list, and Help ▸ Learn View in the app). */
export type PageName = 'lab' | 'learn' | 'sweep';

export class Page {
  current = $state<PageName>('lab');

  /** Follows the menu's Learn View item; returns what stops following. */
  follow(host: Host): Unsubscribe {
    return host.onMenu((item) => {
      if (item === 'show-learn') this.current = 'learn';
    });
  }
}
