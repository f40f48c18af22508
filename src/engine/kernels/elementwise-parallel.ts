/**
 * The elementwise kernels worth several threads on large models (MNIST: Adam over 200,000-value
 * tensors, the Bernoulli likelihood over 100,000 logits a step), cut into parts for the arena's team.
 * Adam is elementwise, so any cut gives the same bits. The Bernoulli total is the float64 sum, in
 * order, of the sums of blocks of 256 values, whoever computed each block: the same bits as one call.
 */
import { KERNEL_ADAM, KERNEL_BERNOULLI, KERNEL_NONE, type KernelTeam } from './kernel-team';
import type { ElementwiseKernels } from './arena';

/** Below this many values one thread does it: waking the others costs more. */
export const PARALLEL_MIN_VALUES = 1 << 15;
/** Values per block of the Bernoulli sums (elementwise.wat). */
const BLOCK = 256;

/** Cuts `units` into `parts` nearly equal consecutive ranges; part p is [start(p), start(p + 1)). */
const cut = (units: number, parts: number, p: number): number => Math.floor((units * p) / parts);

/** The part of the team that can work now (1: do it here). */
function partsFor(team: KernelTeam | undefined, n: number): number {
  return team && n >= PARALLEL_MIN_VALUES ? team.parts : 1;
}

/**
 * One Adam step over n values at these byte addresses, writing the weights before it at `old`
 * (−1: nowhere); returns 1 when some new weight is not finite.
 */
export function adamParts(
  ops: ElementwiseKernels,
  team: KernelTeam | undefined,
  ...args: [...Parameters<ElementwiseKernels['adam']>, old: number]
): number {
  const [w, g, m, v, n, step, eps, b1, b2, old] = args;
  const keep = old >= 0 ? 1 : 0;
  const at = (o: number) => (keep ? old + o : 0);
  const parts = partsFor(team, n);
  if (team === undefined || parts < 2) return ops.adam_keep(w, g, m, v, n, step, eps, b1, b2, at(0), keep);
  const quads = n >> 2;
  let mine = [0, 0];
  for (let p = 0; p < parts; p++) {
    const from = cut(quads, parts, p) * 4;
    const to = p === parts - 1 ? n : cut(quads, parts, p + 1) * 4;
    const o = from * 4;
    if (p === 0) mine = [from, to];
    else if (to > from)
      team.setPart(
        p,
        KERNEL_ADAM,
        [w + o, g + o, m + o, v + o, to - from, step, eps, b1, b2, at(o), keep],
        [5, 6, 7, 8],
      );
    else team.setPart(p, KERNEL_NONE, []);
  }
  let bad = 0;
  team.run(parts, () => {
    const o = mine[0] * 4;
    if (mine[1] > mine[0])
      bad = ops.adam_keep(w + o, g + o, m + o, v + o, mine[1] - mine[0], step, eps, b1, b2, at(o), keep);
  });
  for (let p = 1; p < parts; p++) bad |= team.result(p);
  return bad;
}

/**
 * The Bernoulli NLL total over n values (a multiple of 4) and its gradient, in parts of whole blocks;
 * `sums` is the arena's region for the block sums (its byte address and a view of it).
 */
export function bernoulliParts(
  ops: ElementwiseKernels,
  team: KernelTeam | undefined,
  sums: Float64Array,
  l: number,
  x: number,
  grad: number,
  n: number,
  scale: number,
): number {
  const blocks = Math.ceil(n / BLOCK);
  const parts = blocks <= sums.length ? Math.min(partsFor(team, n), blocks) : 1;
  if (team === undefined || parts < 2) return ops.bernoulli(l, x, grad, n, scale);
  const at = sums.byteOffset;
  let mine = 0;
  for (let p = 0; p < parts; p++) {
    const from = cut(blocks, parts, p);
    const to = cut(blocks, parts, p + 1);
    const o = from * BLOCK * 4;
    const count = Math.min(n, to * BLOCK) - from * BLOCK;
    if (p === 0) mine = count;
    else team.setPart(p, KERNEL_BERNOULLI, [l + o, x + o, grad + o, count, scale, at + from * 8], [4]);
  }
  team.run(parts, () => ops.bernoulli_blocks(l, x, grad, mine, scale, at));
  let total = 0;
  for (let b = 0; b < blocks; b++) total += sums[b];
  return total;
}
