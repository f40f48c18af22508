import type { EpochMetrics } from '../../../../shared/protocol';
import { formatLoss } from '../common/format';

/** A latent dimension whose KL(q(zⱼ|x) ‖ p(zⱼ)) is below this many nats carries no information. */
export const COLLAPSE_KL_NATS = 0.01;

/** Zero-based indices of the dimensions with KL < COLLAPSE_KL_NATS. */
export function collapsedDims(klPerDim: readonly number[]): number[] {
  return klPerDim.flatMap((kl, j) => (kl < COLLAPSE_KL_NATS ? [j] : []));
}

/**
 * The plain-words note about collapse in an epoch, or null when nothing has collapsed.
 * The whole latent has collapsed when no unit is active (Var μⱼ(x) ≤ 0.01 for every j);
 * a single dimension when its KL is below 0.01 nats. Dimensions are numbered from 1.
 */
export function collapseNote(m: EpochMetrics): string | null {
  const k = m.klPerDim.length;
  const dims = collapsedDims(m.klPerDim);
  if (m.activeUnits === 0 || (k > 0 && dims.length === k)) {
    return `The whole latent has collapsed: no dimension is active and the KL is ${formatLoss(m.kl)} nats, so the decoder ignores z and draws the same picture for every input.`;
  }
  if (dims.length === 0) return null;
  if (dims.length === 1) {
    const j = dims[0];
    return `Dimension ${j + 1} has collapsed: its KL is ${formatLoss(m.klPerDim[j])} nats, so the decoder ignores it.`;
  }
  const names = dims.map((j) => j + 1);
  const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Dimensions ${list} have collapsed: their KL is below ${COLLAPSE_KL_NATS} nats each, so the decoder ignores them.`;
}
