/**
 * One builder for the schemas that the engine protocol and session files share: the experiment
 * configuration (from the settings tables), trainer state, epoch metrics, divergence and data
 * tables. Each side supplies its leaf codecs: plain numbers and typed arrays over a port, tagged
 * numbers and base64 arrays in JSON. The error words are the same on both sides.
 */
import * as v from 'valibot';
import type { ExperimentConfig, LiveParams } from './config';
import { TABLE_LIMITS, type DataTable } from './data-table';
import type { Divergence, EpochMetrics, EpochProgressState, TrainerState } from './protocol';
import { GEMM_KINDS, type KernelChoice } from './kernels';
import { HOST_SETTINGS, LIVE_KEYS, SETTINGS, type LiveKey, type NumberLimit, type Setting } from './settings';

type Leaf<T> = v.GenericSchema<unknown, T>;

/** How one side carries numbers and typed arrays. */
export interface LeafCodecs {
  /** Any number the side can carry (±∞; NaN where the side can tell it apart). */
  number: Leaf<number>;
  /** A number that may be NaN (the generator's spare normal). */
  numberOrNaN: Leaf<number>;
  f32: Leaf<Float32Array>;
  u32: Leaf<Uint32Array>;
  i32: Leaf<Int32Array>;
}

/** Longest dataset parameter name and text value. */
export const PARAM_LIMITS = { name: 64, text: 1000 } as const;

/** A value as an error message shows it: `the text "abc"`, `a list`, `5`. */
export function shown(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return `the text ${JSON.stringify(x.length > 30 ? `${x.slice(0, 30)}…` : x)}`;
  if (typeof x === 'object') return 'an object';
  return String(x);
}

/** `config.train.beta`, `state.weights[3]`, `params["a b"]` */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = String(item.key);
    out +=
      item.type === 'array'
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${out ? '.' : ''}${key}`
          : `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The first issue as `field.path: reason`; a missing key says "is missing". */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issuePath(issue);
  const reason = issue.input === undefined && issue.kind === 'schema' ? 'is missing' : issue.message;
  return path ? `${path}: ${reason}` : reason;
}

export function buildSchemas(leaf: LeafCodecs) {
  const finite = v.pipe(
    leaf.number,
    v.check((x: number) => Number.isFinite(x), 'must be a finite number'),
  );
  const ranged = (limit: NumberLimit) =>
    v.pipe(
      finite,
      v.check(
        (x: number) => !limit.integer || Number.isInteger(x),
        (i) => `must be an integer (got ${String(i.input)})`,
      ),
      v.check(
        (x: number) => x >= limit.min,
        (i) => `must be at least ${limit.min} (got ${String(i.input)})`,
      ),
      v.check(
        (x: number) => x <= limit.max,
        (i) => `must be at most ${limit.max} (got ${String(i.input)})`,
      ),
    );
  const count = ranged({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  const text = (max: number) =>
    v.pipe(
      v.string((i) => `must be text (got ${shown(i.input)})`),
      v.maxLength(max, `is longer than ${max} characters`),
    );
  const choice = <T extends string>(options: readonly T[]) =>
    v.picklist(options, (i) => `must be one of ${options.join(', ')} (got ${shown(i.input)})`);
  const list = <T>(item: Leaf<T>) => v.array(item, (i) => `must be a list (got ${shown(i.input)})`);
  const numbers = list(leaf.number);

  function settingSchema(s: Setting): Leaf<unknown> {
    switch (s.type) {
      case 'number':
        return ranged(s.limit);
      case 'choice':
        return choice(s.choices);
      case 'boolean':
        return v.boolean((i) => `must be true or false (got ${shown(i.input)})`);
      case 'widths':
        return v.pipe(
          list(ranged(s.limit)),
          v.maxLength(s.layers.max, `must have at most ${s.layers.max} hidden layers`),
        );
      case 'params':
        return v.record(
          text(PARAM_LIMITS.name),
          v.union([finite, text(PARAM_LIMITS.text)], 'must be a number or text'),
        );
    }
  }
  const table = (t: Record<string, Setting>) =>
    v.object(Object.fromEntries(Object.entries(t).map(([k, s]) => [k, settingSchema(s)])));

  const config = v.object({
    dataset: table(SETTINGS.dataset),
    model: table(SETTINGS.model),
    train: table(SETTINGS.train),
  }) as unknown as Leaf<ExperimentConfig>;
  const liveEntries = Object.fromEntries(LIVE_KEYS.map((k) => [k, settingSchema(SETTINGS.train[k])])) as {
    [K in LiveKey]: Leaf<LiveParams[K]>;
  };
  const live = v.object(liveEntries) as unknown as Leaf<LiveParams>;
  /** Any subset of the live settings. */
  const livePatch = Object.fromEntries(LIVE_KEYS.map((k) => [k, v.optional(settingSchema(SETTINGS.train[k]))])) as {
    [K in LiveKey]: v.OptionalSchema<Leaf<LiveParams[K]>, undefined>;
  };

  const epochMetrics: Leaf<EpochMetrics> = v.object({
    epoch: count,
    loss: leaf.number,
    recon: leaf.number,
    reconConstant: leaf.number,
    kl: leaf.number,
    beta: leaf.number,
    betaKl: leaf.number,
    klPerDim: numbers,
    activeUnits: count,
    steps: count,
    ms: leaf.number,
  });
  const divergence: Leaf<Divergence> = v.object({ epoch: count, step: count, reason: text(1000) });
  const progress: Leaf<EpochProgressState> = v.object({
    step: count,
    steps: count,
    loss: leaf.number,
    recon: leaf.number,
    kl: leaf.number,
    beta: leaf.number,
    klPerDim: numbers,
    muSum: numbers,
    muSumSq: numbers,
    ms: leaf.number,
  });
  /** The kernels a run's arithmetic ran on (src/shared/kernels.ts). */
  const kernelEntries = {
    gemm: choice(GEMM_KINDS),
    threads: ranged({ min: 1, max: HOST_SETTINGS.threads.limit.max, integer: true }),
  };
  const kernels: Leaf<KernelChoice> = v.object(kernelEntries);
  const trainerState: Leaf<TrainerState> = v.object({
    epoch: count,
    step: count,
    weights: list(leaf.f32),
    optimizer: v.object({ t: count, buffers: list(leaf.f32) }),
    rng: v.pipe(
      list(leaf.numberOrNaN),
      v.length(5, 'must hold 5 numbers (four 32-bit words and the spare normal)'),
      v.check(
        (r) => r.slice(0, 4).every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff),
        'must start with four 32-bit words',
      ),
    ),
    order: leaf.u32,
    live,
    data: v.nullable(leaf.f32),
    progress: v.nullable(progress),
    /** Optional: checkpoints and files from before the record have none. */
    kernels: v.optional(kernels),
  });
  /** Sizes that tie the fields together are checked by each side (session-checks.ts words them per field). */
  const dataTable: Leaf<DataTable> = v.object({
    x: leaf.f32,
    n: ranged({ min: 1, max: TABLE_LIMITS.rows, integer: true }),
    dim: ranged({ min: 1, max: TABLE_LIMITS.columns, integer: true }),
    labels: leaf.i32,
    classes: count,
    columns: list(text(TABLE_LIMITS.name)),
    classNames: v.nullable(list(text(TABLE_LIMITS.name))),
  });
  return {
    finite,
    ranged,
    count,
    text,
    choice,
    list,
    config,
    live,
    liveEntries,
    livePatch,
    epochMetrics,
    divergence,
    trainerState,
    kernels,
    kernelEntries,
    dataTable,
  };
}
