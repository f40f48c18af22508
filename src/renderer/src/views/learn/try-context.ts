import { getContext, setContext } from 'svelte';
import type { PresetName } from '../../../../shared/config';

/**
 * What a card's "Try it in the lab" button does (set up the phenomenon in the lab and show it), and
 * its "Open a … sweep" button (prepare the phenomenon's sweep on the Sweep tab).
 */
export type TryPhenomenon = (preset: PresetName) => void;

export interface TryActions {
  tryIt: TryPhenomenon;
  sweep?: TryPhenomenon;
}

const KEY = Symbol('try-phenomenon');

export function provideTry(actions: TryActions): void {
  setContext(KEY, actions);
}

/** The card's actions, or null where the Learn view is shown without a lab (component tests). */
export function useTry(): TryActions | null {
  return getContext<TryActions | undefined>(KEY) ?? null;
}
