/**
 * Which kernels a run's arithmetic ran on. Each choice gives its own bits (the same for any thread
 * count), so a session records it and a resumed run on another kernel says so.
 */

/** The matrix-product kernel: relaxed SIMD (fused multiply-add), exact SIMD, or plain JavaScript. */
export const GEMM_KINDS = ['relaxed', 'exact', 'js'] as const;
export type GemmKind = (typeof GEMM_KINDS)[number];

export interface KernelChoice {
  gemm: GemmKind;
  /** Threads working on the large products (results do not depend on it). */
  threads: number;
}

/** What the engine reports it runs on: the choice and why fewer threads run than asked for, or null. */
export interface KernelReport extends KernelChoice {
  note: string | null;
}

const GEMM_WORDS: Record<GemmKind, string> = {
  relaxed: 'relaxed-SIMD FMA',
  exact: 'exact SIMD',
  js: 'JavaScript (no WebAssembly SIMD)',
};

/** "exact SIMD, 2 threads" */
export function describeKernels(k: KernelChoice): string {
  return `${GEMM_WORDS[k.gemm]}, ${k.threads} thread${k.threads === 1 ? '' : 's'}`;
}

/**
 * The notice for continuing a run trained with `trained` on `now`, or null when nothing changes the
 * numbers (no record, the same kernel; the thread count never changes them).
 */
export function kernelChangeNotice(trained: KernelChoice | undefined, now: KernelChoice): string | null {
  if (trained === undefined || trained.gemm === now.gemm) return null;
  return (
    `This session was trained with the ${GEMM_WORDS[trained.gemm]} kernel and continues with ${GEMM_WORDS[now.gemm]} here: ` +
    `from now on its numbers differ in the last bits from a run that stayed on one kernel.`
  );
}
