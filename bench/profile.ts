/**
 * `npm run bench -- --profile`: where an epoch of our engine goes. Wraps the arena's kernels and the
 * decoder likelihood with timers (each call timed with performance.now(), so a part's share is a
 * little high for many tiny calls) and trains a few epochs of each workload; "rest" is the epoch's
 * time outside them: copies of rows and weights, the KL term, the reparameterisation, the
 * bookkeeping of the JavaScript driver.
 */
import { readMnistBytes } from '../src/cli/mnist-file';
import { useNodeKernelThreads } from '../src/engine-host/kernel-threads-node';
import { makeDataset } from '../src/engine/datasets';
import { arenaOf, type ElementwiseKernels } from '../src/engine/kernels/arena';
import { Trainer } from '../src/engine/trainer';
import { threadsStarted } from './vae-lab-workload';
import { PRESETS, cloneConfig } from '../src/shared/config';
import type { WorkloadName } from './workloads';

export const PROFILE_PARTS = [
  'gemm',
  'sparse layer',
  'likelihood',
  'adam',
  'bias+activation',
  'grad norm',
  'rest',
] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

export interface Profile {
  workload: WorkloadName;
  epochs: number;
  /** Kernel threads the epochs ran on. */
  threads: number;
  msPerEpoch: number;
  /** ms per epoch spent in each part. */
  parts: Record<ProfilePart, number>;
}

/** The Bernoulli kernel runs inside the timed likelihood, so it is not timed again. */
const OP_PART: Partial<Record<keyof ElementwiseKernels, ProfilePart>> = {
  tanh: 'bias+activation',
  tanh_backward: 'bias+activation',
  add_bias: 'bias+activation',
  add_bias_tanh: 'bias+activation',
  sum_rows: 'bias+activation',
  tanh_backward_sum_rows: 'bias+activation',
  sum_squares: 'grad norm',
};

function timed<F extends (...args: never[]) => unknown>(f: F, add: (ms: number) => void): F {
  return ((...args: Parameters<F>) => {
    const t0 = performance.now();
    const r = f(...args);
    add(performance.now() - t0);
    return r;
  }) as F;
}

/** Trains `epochs` (after warm-up) of a workload with every kernel call timed, on `threads` kernel threads. */
export async function profileVaeLab(
  workload: WorkloadName,
  epochs: number,
  warmup: number,
  threads = 1,
): Promise<Profile> {
  useNodeKernelThreads(threads);
  const config = cloneConfig(PRESETS[workload]);
  const sources = workload === 'mnist' ? { mnistBytes: readMnistBytes() } : {};
  const trainer = new Trainer(config, makeDataset(config.dataset, sources));
  trainer.setLive({ epochs: Number.MAX_SAFE_INTEGER });
  const parts = Object.fromEntries(PROFILE_PARTS.map((p) => [p, 0])) as Record<ProfilePart, number>;
  let counting = false;
  const adder = (part: ProfilePart) => (ms: number) => {
    if (counting) parts[part] += ms;
  };
  const arena = arenaOf(trainer.params[0].value);
  if (arena === undefined) throw new Error('no WebAssembly arena in this host: nothing to profile');
  await threadsStarted(arena);
  const ops = arena.ops as unknown as Record<string, (...a: never[]) => unknown>;
  for (const [name, part] of Object.entries(OP_PART)) ops[name] = timed(ops[name], adder(part as ProfilePart));
  arena.gemm.runInPlace = timed(arena.gemm.runInPlace, adder('gemm'));
  arena.gemm.runSparseInPlace = timed(arena.gemm.runSparseInPlace, adder('sparse layer'));
  arena.adam = timed(arena.adam, adder('adam'));
  const vae = trainer.vae as { likelihood: Trainer['vae']['likelihood'] };
  vae.likelihood = { ...vae.likelihood, nll: timed(vae.likelihood.nll, adder('likelihood')) };
  let total = 0;
  for (let e = 0; e < warmup + epochs; e++) {
    counting = e >= warmup;
    const t0 = performance.now();
    if (!trainer.runEpoch()) throw new Error(`diverged: ${trainer.divergence?.reason}`);
    if (counting) total += performance.now() - t0;
  }
  const inner = PROFILE_PARTS.filter((p) => p !== 'rest').reduce((s, p) => s + parts[p], 0);
  parts.rest = Math.max(0, total - inner);
  for (const p of PROFILE_PARTS) parts[p] /= epochs;
  return { workload, epochs, threads: arena.kernels.threads, msPerEpoch: total / epochs, parts };
}

/** A profile as text lines: ms per epoch and share of each part. */
export function formatProfile(p: Profile): string {
  const lines = [
    `${p.workload} profile, ${p.threads} thread(s): ${p.msPerEpoch.toFixed(2)} ms/epoch over ${p.epochs} epochs`,
  ];
  for (const part of PROFILE_PARTS) {
    const ms = p.parts[part];
    lines.push(
      `  ${part.padEnd(16)} ${ms.toFixed(2).padStart(8)} ms  ${((100 * ms) / p.msPerEpoch).toFixed(1).padStart(5)} %`,
    );
  }
  return lines.join('\n');
}
