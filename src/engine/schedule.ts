import type { WarmupShape } from '../shared/config';

/**
 * The β in force after `progress` epochs (fractional within an epoch).
 * linear: β·min(1, progress/warmup). cyclical (Fu et al. 2019): cycles of `warmup` epochs,
 * β ramps from 0 over the first half of each cycle and holds for the second half.
 */
export function betaAt(beta: number, warmup: number, shape: WarmupShape, progress: number): number {
  if (warmup <= 0) return beta;
  if (shape === 'linear') return beta * Math.min(1, progress / warmup);
  const phase = (progress % warmup) / warmup;
  return beta * Math.min(1, phase / 0.5);
}
