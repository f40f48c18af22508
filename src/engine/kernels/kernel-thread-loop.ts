/**
 * The body of a kernel thread. A host runs it on a worker thread for each arena it is bound to
 * (the web build's kernel-worker-entry.ts, or the source text of this function in a Node worker,
 * kernel-threads-node.ts): it instantiates the gemm module over the arena's shared memory, then
 * waits on the control words (Atomics.wait) for products to do, until the team quits.
 *
 * It must stay self-contained, with no imports, no closures and no nested functions: Node runs
 * its source text (Function.prototype.toString) as the worker's script.
 */

/** What a kernel thread is given: the arena's memory, the compiled gemm module, the team's control words. */
export interface KernelThreadInit {
  memory: unknown;
  module: unknown;
  /** The compiled elementwise module (Adam, the Bernoulli likelihood), over the same memory. */
  elementwise: unknown;
  control: SharedArrayBuffer;
}

/**
 * Control words (Int32Array over `control`), as kernel-team.ts writes them:
 * [0] generation, bumped once per job; [1] threads still working on it; [2] threads that are ready;
 * [3] quit; [4] 1 while threads may spin between jobs; [6] set when a kernel threw here; from [8],
 * 16 words per part: its kernel (0 none, 1 gemm, 2 sparse_rows, 3 adam, 4 bernoulli_blocks) in the
 * last word, its arguments from the first (float arguments as float32 bits), a result in the word
 * before the last, and in word 13 the generation of the job handed to this part (this thread sets it
 * to 0 when its part is done).
 *
 * A thread takes a job only when its part's word 13 holds that job's generation, and each
 * generation once: a job handed out before this thread was ready, or with fewer parts, is not
 * its own (reading a count of parts per generation instead let a thread that was slow between
 * reading the generation and the count take a later job's count for an earlier job and do that
 * job twice, which left the caller waiting for ever on a count of threads gone below zero).
 */
export function kernelThreadLoop(init: KernelThreadInit): void {
  const ctl = new Int32Array(init.control);
  const api = (
    globalThis as unknown as { WebAssembly: { Instance: new (m: unknown, i: unknown) => { exports: unknown } } }
  ).WebAssembly;
  const kernels = new api.Instance(init.module, { env: { memory: init.memory } }).exports as Record<
    string,
    (...args: number[]) => void
  >;
  const gemm = kernels.gemm;
  const sparseRows = kernels.sparse_rows;
  const elementwise = new api.Instance(init.elementwise, { env: { memory: init.memory } }).exports as Record<
    string,
    (...args: number[]) => number
  >;
  const adam = elementwise.adam_keep;
  const bernoulliBlocks = elementwise.bernoulli_blocks;
  const floats = new Float32Array(init.control);
  // the generation is read before joining: every job that counts this thread comes after it
  let seen = Atomics.load(ctl, 0);
  const part = Atomics.add(ctl, 2, 1) + 1;
  const at = 8 + 16 * part;
  let done = seen;
  for (;;) {
    if (Atomics.load(ctl, 3) !== 0) return; // before waiting: a team stopped before this thread got here
    // where the host found its cores free ([4]), spin up to 0.2 ms before sleeping: a step's next product
    // mostly comes sooner, and waking a thread that sleeps costs about as long (60 µs on a 2-core VM)
    if (Atomics.load(ctl, 4) !== 0)
      for (const until = performance.now() + 0.2; Atomics.load(ctl, 0) === seen && performance.now() < until;);
    Atomics.wait(ctl, 0, seen);
    seen = Atomics.load(ctl, 0);
    if (Atomics.load(ctl, 3) !== 0) return;
    // not handed to this part (joined after it was handed out, or fewer parts), or done already
    if (seen === done || Atomics.load(ctl, at + 13) !== seen) continue;
    done = seen;
    const kernel = ctl[at + 15];
    const a = ctl.subarray(at, at + 13);
    let failed = false;
    try {
      if (kernel === 1) gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
      else if (kernel === 2) sparseRows(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
      else if (kernel === 3)
        ctl[at + 14] = adam(
          a[0],
          a[1],
          a[2],
          a[3],
          a[4],
          floats[at + 5],
          floats[at + 6],
          floats[at + 7],
          floats[at + 8],
          a[9],
          a[10],
        );
      else if (kernel === 4) bernoulliBlocks(a[0], a[1], a[2], a[3], floats[at + 4], a[5]);
    } catch {
      failed = true; // a trap: the caller learns it from word 6 and goes on without the threads
      Atomics.store(ctl, 6, 1);
    }
    Atomics.store(ctl, at + 13, 0);
    if (Atomics.sub(ctl, 1, 1) === 1) Atomics.notify(ctl, 1);
    if (failed) return;
  }
}
