/**
 * The valibot schema of a `.vaelab` file's JSON (after migration to the current schema):
 * types, ranges and literal unions of every field. Tags are turned back into typed arrays
 * and special numbers here; sizes that depend on other fields are checked in session-checks.ts.
 */
import * as v from 'valibot';
import {
  ACTIVATIONS, DATASET_KINDS, INITS, LIKELIHOODS, LIMITS, OPTIMIZERS, WARMUP_SHAPES, type NumberLimit,
} from './config';
import { decodeBase64, fromLittleEndian } from './session-base64';
import { NUMBER_TAG, SPECIAL_NUMBERS, untagNumber, type SpecialNumber } from './session-json';
import { SESSION_FORMAT, SESSION_TEXT_LIMITS } from './session';

const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'string' ? `the text ${JSON.stringify(x.length > 30 ? `${x.slice(0, 30)}…` : x)}` : typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;

const onlyKey = (x: unknown, key: string): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1 && key in x;

/** A plain JSON number, or a `{"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}` tag. */
const anyNumber = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const x = dataset.value;
    if (typeof x === 'number') return x;
    if (onlyKey(x, NUMBER_TAG) && (SPECIAL_NUMBERS as readonly unknown[]).includes(x[NUMBER_TAG])) return untagNumber(x[NUMBER_TAG] as SpecialNumber);
    addIssue({ message: `expected a number, got ${describe(x)}` });
    return NEVER;
  }),
);

const finite = v.pipe(anyNumber, v.check((x: number) => Number.isFinite(x), 'must be a finite number'));

/** A finite number within a setting's limits (whole if the limit says so). */
const limited = (limit: NumberLimit) =>
  v.pipe(
    finite,
    v.check((x: number) => x >= limit.min && x <= limit.max, `must be from ${limit.min} to ${limit.max}`),
    v.check((x: number) => !limit.integer || Number.isInteger(x), 'must be a whole number'),
  );

const count = (max = Number.MAX_SAFE_INTEGER) => limited({ min: 0, max, integer: true });

const text = (max: number) => v.pipe(v.string('expected text'), v.maxLength(max, `is longer than ${max} characters`));

const choice = <T extends string>(options: readonly T[]) =>
  v.picklist(options, (issue) => `expected one of ${options.join(', ')}, got ${describe(issue.input)}`);

/** `{"$f32": base64}` and friends → the typed array. */
function typedArray<T extends Float32Array | Uint32Array | Int32Array>(tag: string, make: (b: ArrayBuffer) => T) {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const x = dataset.value;
      if (!onlyKey(x, tag) || typeof x[tag] !== 'string') {
        addIssue({ message: `expected an array stored as {"${tag}": "<base64>"}, got ${describe(x)}` });
        return NEVER;
      }
      try {
        return fromLittleEndian(decodeBase64(x[tag] as string), make);
      } catch (e) {
        addIssue({ message: (e as Error).message });
        return NEVER;
      }
    }),
  );
}

export const f32 = typedArray('$f32', (b) => new Float32Array(b));
export const u32 = typedArray('$u32', (b) => new Uint32Array(b));
export const i32 = typedArray('$i32', (b) => new Int32Array(b));

const liveEntries = {
  beta: limited(LIMITS.beta),
  sigma2: limited(LIMITS.sigma2),
  lr: limited(LIMITS.lr),
  warmup: limited(LIMITS.warmup),
  warmupShape: choice(WARMUP_SHAPES),
  freeBits: limited(LIMITS.freeBits),
  clip: limited(LIMITS.clip),
  mcSamples: limited(LIMITS.mcSamples),
  epochs: limited(LIMITS.epochs),
};

const configSchema = v.object({
  dataset: v.object({
    kind: choice(DATASET_KINDS),
    params: v.record(text(100), v.union([finite, text(1000)], 'expected a number or text')),
    seed: limited(LIMITS.seed),
    validation: limited(LIMITS.validation),
    standardize: v.boolean('expected true or false'),
  }),
  model: v.object({
    latent: limited(LIMITS.latent),
    hidden: v.pipe(v.array(limited(LIMITS.hiddenWidth), 'expected a list of layer widths'), v.maxLength(LIMITS.hiddenLayers.max, `has more than ${LIMITS.hiddenLayers.max} layers`)),
    activation: choice(ACTIVATIONS),
    likelihood: choice(LIKELIHOODS),
    init: choice(INITS),
    initStd: limited(LIMITS.initStd),
    initSeed: limited(LIMITS.seed),
  }),
  // Keys in the order of config.ts, so a file re-saved after opening keeps its layout.
  train: v.object({
    epochs: liveEntries.epochs,
    batchSize: limited(LIMITS.batchSize),
    optimizer: choice(OPTIMIZERS),
    lr: liveEntries.lr,
    beta: liveEntries.beta,
    sigma2: liveEntries.sigma2,
    warmup: liveEntries.warmup,
    warmupShape: liveEntries.warmupShape,
    freeBits: liveEntries.freeBits,
    mcSamples: liveEntries.mcSamples,
    clip: liveEntries.clip,
    varianceFloor: limited(LIMITS.varianceFloor),
    seed: limited(LIMITS.seed),
  }),
});

const metricsSchema = v.object({
  epoch: count(),
  loss: anyNumber,
  recon: anyNumber,
  reconConstant: anyNumber,
  kl: anyNumber,
  beta: anyNumber,
  betaKl: anyNumber,
  klPerDim: v.array(anyNumber),
  activeUnits: count(),
  steps: count(),
  ms: anyNumber,
});

const divergenceSchema = v.object({ epoch: count(), step: count(), reason: text(1000) });

const stateSchema = v.object({
  epoch: count(),
  step: count(),
  weights: v.array(f32),
  optimizer: v.object({ t: count(), buffers: v.array(f32) }),
  rng: v.pipe(v.array(anyNumber), v.length(5, 'must hold 5 numbers (four 32-bit words and the spare normal)')),
  order: u32,
  live: v.object(liveEntries),
  data: v.nullable(f32),
  progress: v.nullable(v.object({
    step: count(),
    steps: count(),
    loss: anyNumber,
    recon: anyNumber,
    kl: anyNumber,
    beta: anyNumber,
    klPerDim: v.array(anyNumber),
    muSum: v.array(anyNumber),
    muSumSq: v.array(anyNumber),
    ms: anyNumber,
  })),
});

const embeddedSchema = v.object({
  x: f32,
  n: count(),
  dim: count(),
  labels: i32,
  classes: count(),
  columns: v.array(text(SESSION_TEXT_LIMITS.column)),
  classNames: v.nullable(v.array(text(SESSION_TEXT_LIMITS.column))),
});

const snapshotSchema = v.object({
  epoch: count(),
  arrays: v.record(text(100), v.object({ shape: v.array(count()), values: f32 })),
});

const isoTime = v.pipe(text(40), v.check((s: string) => !Number.isNaN(Date.parse(s)), 'is not a date and time (ISO 8601)'));

export const SESSION_SCHEMA = v.object({
  format: v.literal(SESSION_FORMAT),
  schemaVersion: count(),
  appVersion: text(SESSION_TEXT_LIMITS.appVersion),
  createdAt: isoTime,
  modifiedAt: isoTime,
  name: text(SESSION_TEXT_LIMITS.name),
  notes: text(SESSION_TEXT_LIMITS.notes),
  config: configSchema,
  data: v.object({ dim: limited({ min: 1, max: 1_000_000, integer: true }), trainExamples: count(), embedded: v.nullable(embeddedSchema) }),
  state: v.nullable(stateSchema),
  history: v.array(metricsSchema),
  snapshot: v.nullable(snapshotSchema),
  status: v.object({ epoch: count(), divergence: v.nullable(divergenceSchema) }),
});

/** `config.train.beta`, `state.weights[3]` */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = String(item.key);
    out += item.type === 'array' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${out ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
  }
  return out;
}
