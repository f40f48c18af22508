/**
 * The live changes made while a run trains (β, σ², lr, free bits, warm-up), each at the epoch it
 * took effect after, so the loss chart can mark them on the curves.
 */
import type { LiveParams } from '../../../shared/config';

/** The live settings that move the loss curves, with the short names a chart tick shows. */
const MARKED: Partial<Record<keyof LiveParams, string>> = {
  beta: 'β',
  sigma2: 'σ²',
  lr: 'lr',
  freeBits: 'free bits',
  warmup: 'warm-up',
};

export interface LiveMark {
  /** The last epoch trained before the change: it applies from the next one. */
  epoch: number;
  /** Setting → [before, after]. */
  changes: Record<string, [number, number]>;
}

function short(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** "β 0.25 → 50, lr 0.003 → 0.01" */
export function markLabel(mark: LiveMark): string {
  return Object.entries(mark.changes)
    .map(([name, [from, to]]) => `${name} ${short(from)} → ${short(to)}`)
    .join(', ');
}

/**
 * `marks` with the change from `before` to `after` at `epoch` added. Edits at the epoch of the last
 * mark (a slider drag) merge into it, keeping the value the drag started from.
 */
export function addMark(
  marks: readonly LiveMark[],
  epoch: number,
  before: Partial<LiveParams>,
  after: Partial<LiveParams>,
): LiveMark[] {
  const changes: Record<string, [number, number]> = {};
  for (const [key, name] of Object.entries(MARKED) as [keyof LiveParams, string][]) {
    const from = before[key];
    const to = after[key];
    if (typeof from === 'number' && typeof to === 'number' && from !== to) changes[name] = [from, to];
  }
  if (Object.keys(changes).length === 0) return [...marks];
  const last = marks.at(-1);
  if (last === undefined || last.epoch !== epoch) return [...marks, { epoch, changes }];
  const merged = { ...last.changes };
  for (const [name, [from, to]] of Object.entries(changes)) merged[name] = [merged[name]?.[0] ?? from, to];
  for (const [name, [from, to]] of Object.entries(merged)) if (from === to) delete merged[name];
  const rest = marks.slice(0, -1);
  return Object.keys(merged).length === 0 ? rest : [...rest, { epoch, changes: merged }];
}
