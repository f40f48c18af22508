/**
 * Long computations (a whole-data evaluation) written as generators that yield between units
 * of work, so a host can answer messages between them; a caller that wants the answer at once
 * runs them to the end with `finish`.
 */

/** A computation of a `T` that yields (with nothing) wherever it may be interrupted. */
export type Work<T> = Generator<void, T, void>;

/** Runs `work` to its end and returns its result. */
export function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs `work` until it ends or `stop()` says so (asked after each unit); the result, or
 * `undefined` when it has more to do (call again with the same generator).
 */
export function advanceWork<T>(work: Work<T>, stop: () => boolean): { done: true; value: T } | { done: false } {
  for (;;) {
    const step = work.next();
    if (step.done) return { done: true, value: step.value };
    if (stop()) return { done: false };
  }
}
