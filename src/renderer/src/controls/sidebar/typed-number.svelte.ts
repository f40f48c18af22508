import type { NumberLimit } from '../../../../shared/config';
import { checkTyped, formatValue } from './slider-scale';

/**
 * A number typed into a text field: what is typed so far, and the message when it breaks the
 * limit. The field shows the typed text while editing and the formatted value otherwise.
 */
export class TypedNumber {
  typed = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(
    private readonly limit: () => NumberLimit,
    private readonly value: () => number,
    private readonly onchange: (value: number) => void,
  ) {}

  /** What the field shows. */
  text(): string {
    return this.typed ?? formatValue(this.value());
  }

  /** Check the typed text and pass it on, or keep it and say what is wrong. */
  commit(): void {
    if (this.typed === null) return;
    const checked = checkTyped(this.typed, this.limit());
    if (!checked.ok) {
      this.error = checked.message;
      return;
    }
    this.error = null;
    this.typed = null;
    if (checked.value !== this.value()) this.onchange(checked.value);
  }

  /** Forget the typed text (Escape, or the slider moved). */
  cancel(): void {
    this.typed = null;
    this.error = null;
  }

  /** Enter commits (and stops there, so it cannot press the reset question's button); Escape cancels. */
  keydown(e: { key: string; preventDefault(): void }): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commit();
    } else if (e.key === 'Escape') this.cancel();
  }
}
