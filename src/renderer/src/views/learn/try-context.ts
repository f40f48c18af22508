import { getContext, setContext } from 'svelte';
import type { PresetName } from '../../../../shared/config';

/** What a card's "Try it in the lab" button does: set up the phenomenon in the lab and show it. */
export type TryPhenomenon = (preset: PresetName) => void;

const KEY = Symbol('try-phenomenon');

export function provideTry(tryIt: TryPhenomenon): void {
  setContext(KEY, tryIt);
}

/** The card's action, or null where the Learn view is shown without a lab (component tests). */
export function useTry(): TryPhenomenon | null {
  return getContext<TryPhenomenon | undefined>(KEY) ?? null;
}
