/**
 * Validation of protocol messages where they are received: every field's type, finite numbers,
 * the ranges of config.ts LIMITS, literal unions and the protocol version. Errors name the
 * field (dot path) and the reason, e.g. `live.beta: must be at least 0 (got -1)`.
 */
import * as v from 'valibot';
import {
  ACTIVATIONS, DATASET_KINDS, INITS, LIKELIHOODS, LIMITS, OPTIMIZERS, WARMUP_SHAPES,
  type NumberLimit,
} from './config';
import {
  COMMAND_TYPES, EVALUATE_SPLITS, IWAE_K_LIMIT, PROTOCOL_VERSION, RECON_LIMIT, RUN_STATES, SPEED_LIMIT,
  type EngineCommand, type EngineEvent,
} from './protocol';

export type ParsedCommand = { ok: true; command: EngineCommand } | { ok: false; error: string; commandType: string | null };
export type ParsedEvent = { ok: true; event: EngineEvent } | { ok: false; error: string };

/** Longest accepted CSV text and dataset parameter text, in characters. */
const MAX_CSV_CHARS = 256 * 1024 * 1024;
const MAX_PARAM_CHARS = 1000;
const MAX_POINTS = 100_000;
const MAX_POINT_LABEL = 255;

// ---- numbers -------------------------------------------------------------------------------

/** A finite number within `limit` (an integer when the limit says so). */
function ranged(limit: NumberLimit) {
  return v.pipe(
    v.number(),
    v.finite('must be a finite number'),
    v.check((x) => !limit.integer || Number.isInteger(x), (issue) => `must be an integer (got ${String(issue.input)})`),
    v.minValue(limit.min, (issue) => `must be at least ${limit.min} (got ${String(issue.input)})`),
    v.maxValue(limit.max, (issue) => `must be at most ${limit.max} (got ${String(issue.input)})`),
  );
}

const finite = v.pipe(v.number(), v.finite('must be a finite number'));
const count = ranged({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
const uint32 = ranged({ min: 0, max: 4294967295, integer: true });
/** Optional request id, echoed in the answer. */
const id = v.optional(count);
const version = v.literal(PROTOCOL_VERSION, (issue) => `protocol version ${String(issue.input)} is not supported; this side speaks version ${PROTOCOL_VERSION}`);

// ---- experiment config ---------------------------------------------------------------------

const datasetSpec = v.object({
  kind: v.picklist(DATASET_KINDS),
  params: v.record(v.pipe(v.string(), v.maxLength(64)), v.union([finite, v.pipe(v.string(), v.maxLength(MAX_PARAM_CHARS))])),
  seed: ranged(LIMITS.seed),
  validation: ranged(LIMITS.validation),
  standardize: v.boolean(),
});

const modelConfig = v.object({
  latent: ranged(LIMITS.latent),
  hidden: v.pipe(v.array(ranged(LIMITS.hiddenWidth)), v.maxLength(LIMITS.hiddenLayers.max, `at most ${LIMITS.hiddenLayers.max} hidden layers`)),
  activation: v.picklist(ACTIVATIONS),
  likelihood: v.picklist(LIKELIHOODS),
  init: v.picklist(INITS),
  initStd: ranged(LIMITS.initStd),
  initSeed: ranged(LIMITS.seed),
});

const liveEntries = {
  beta: ranged(LIMITS.beta),
  sigma2: ranged(LIMITS.sigma2),
  lr: ranged(LIMITS.lr),
  warmup: ranged(LIMITS.warmup),
  warmupShape: v.picklist(WARMUP_SHAPES),
  freeBits: ranged(LIMITS.freeBits),
  clip: ranged(LIMITS.clip),
  mcSamples: ranged(LIMITS.mcSamples),
  epochs: ranged(LIMITS.epochs),
};
const liveParams = v.object(liveEntries);

const trainConfig = v.object({
  ...liveEntries,
  batchSize: ranged(LIMITS.batchSize),
  optimizer: v.picklist(OPTIMIZERS),
  varianceFloor: ranged(LIMITS.varianceFloor),
  seed: ranged(LIMITS.seed),
});

export const experimentConfigSchema = v.object({ dataset: datasetSpec, model: modelConfig, train: trainConfig });

const speed = v.union([v.literal('max'), ranged(SPEED_LIMIT)], `must be 'max' or a number of epochs per second from ${SPEED_LIMIT.min} to ${SPEED_LIMIT.max}`);

const liveChange = v.object({
  ...Object.fromEntries(Object.entries(liveEntries).map(([k, s]) => [k, v.optional(s)])) as { [K in keyof typeof liveEntries]: v.OptionalSchema<(typeof liveEntries)[K], undefined> },
  speed: v.optional(speed),
});

const labelledPoint = v.object({
  x: finite,
  y: finite,
  label: ranged({ min: -1, max: MAX_POINT_LABEL, integer: true }),
});

/** A parsed table: its arrays must hold n × dim values and n labels. */
const dataTable = v.pipe(
  v.object({
    x: v.instance(Float32Array, 'must be a Float32Array'),
    n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POINTS)),
    dim: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
    labels: v.instance(Int32Array, 'must be an Int32Array'),
    classes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    columns: v.array(v.string()),
    classNames: v.nullable(v.array(v.string())),
  }),
  v.check((t) => t.x.length === t.n * t.dim, 'x must hold n × dim values'),
  v.check((t) => t.labels.length === t.n && t.columns.length === t.dim, 'labels must hold n values and columns dim names'),
);

const dataSources = v.object({
  mnistBytes: v.optional(v.instance(ArrayBuffer, 'must be an ArrayBuffer')),
  csvText: v.optional(v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS))),
  points: v.optional(v.pipe(v.array(labelledPoint), v.maxLength(MAX_POINTS))),
  table: v.optional(dataTable),
});

// ---- engine results ------------------------------------------------------------------------

const float32 = v.instance(Float32Array, 'must be a Float32Array');
const uint32Array = v.instance(Uint32Array, 'must be a Uint32Array');
const int32Array = v.instance(Int32Array, 'must be an Int32Array');
/** A number that may be ±∞ (bounds of a broken model), never NaN. */
const anyNumber = v.number();

const epochMetrics = v.object({
  epoch: ranged({ min: 1, max: Number.MAX_SAFE_INTEGER, integer: true }),
  loss: finite,
  recon: finite,
  reconConstant: finite,
  kl: finite,
  beta: finite,
  betaKl: finite,
  klPerDim: v.array(finite),
  activeUnits: count,
  steps: count,
  ms: finite,
});

const divergence = v.object({ epoch: count, step: count, reason: v.string() });

const diagnostics = v.object({
  examples: count,
  negElbo: anyNumber,
  recon: anyNumber,
  reconConstant: anyNumber,
  kl: anyNumber,
  klPerDim: v.array(anyNumber),
  muVariance: v.array(anyNumber),
  activeUnits: count,
  mutualInfo: anyNumber,
  rate: anyNumber,
  distortion: anyNumber,
  iwae: v.nullable(v.object({ k: count, negBound: anyNumber })),
});

const trainerState = v.object({
  epoch: count,
  step: count,
  weights: v.array(float32),
  optimizer: v.object({ t: count, buffers: v.array(float32) }),
  rng: v.tuple([uint32, uint32, uint32, uint32, v.union([v.number(), v.nan()])]),
  order: uint32Array,
  live: liveParams,
  data: v.nullable(float32),
  progress: v.nullable(v.object({
    step: count,
    steps: count,
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

// ---- commands ------------------------------------------------------------------------------

const cmd = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ v: version, type: v.literal(type), id, ...entries });

export const engineCommandSchema = v.variant('type', [
  cmd('configure', { config: experimentConfigSchema, sources: v.optional(dataSources) }),
  cmd('start', {}),
  cmd('pause', {}),
  cmd('resume', {}),
  cmd('step', {}),
  cmd('reset', {}),
  cmd('setLive', { live: liveChange }),
  cmd('snapshot', { recon: v.optional(v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.minLength(1), v.maxLength(RECON_LIMIT))) }),
  cmd('evaluate', { iwaeK: ranged(IWAE_K_LIMIT), split: v.optional(v.picklist(EVALUATE_SPLITS)) }),
  cmd('getCheckpoint', {}),
  cmd('loadCheckpoint', { state: trainerState, history: v.array(epochMetrics) }),
  cmd('ping', {}),
], `must be one of ${COMMAND_TYPES.join(', ')}`);

// ---- events --------------------------------------------------------------------------------

const evt = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ v: version, type: v.literal(type), ...entries });

const datasetInfo = v.object({
  n: count,
  dim: count,
  latent: count,
  validationRows: count,
  classes: count,
  columns: v.array(v.string()),
  classNames: v.optional(v.array(v.string())),
  image: v.optional(v.object({ width: count, height: count })),
  indices: uint32Array,
  x: float32,
  labels: int32Array,
  table: v.optional(dataTable),
});

const snapshot = v.pipe(
  v.object({
    epoch: count,
    latent: count,
    dim: count,
    means: float32,
    rows: count,
    totalRows: count,
    subset: v.boolean(),
    prior: v.object({ count, z: float32, mean: float32, sample: float32 }),
    grid: v.nullable(v.object({ size: count, axis: float32, mean: float32 })),
    recon: v.object({ indices: uint32Array, x: float32, mean: float32 }),
    logvars: v.optional(float32),
    sampled: v.optional(v.nullable(v.object({ z: v.array(finite), x: v.array(finite), distance: finite, tries: count }))),
    ms: finite,
  }),
  v.check((s) => s.means.length === s.rows * s.latent, 'means must hold rows × latent values'),
  v.check((s) => s.prior.z.length === s.prior.count * s.latent && s.prior.mean.length === s.prior.count * s.dim && s.prior.sample.length === s.prior.count * s.dim, 'prior arrays must match count × latent and count × dim'),
  v.check((s) => s.grid === null || s.grid.mean.length === s.grid.size * s.grid.size * s.dim, 'grid.mean must hold size² × dim values'),
  v.check((s) => s.logvars === undefined || s.logvars.length === s.rows * s.latent, 'logvars must hold rows × latent values'),
  v.check((s) => !s.sampled || (s.sampled.z.length === s.latent && s.sampled.x.length === s.dim), 'sampled must hold latent z values and dim x values'),
);

export const engineEventSchema = v.variant('type', [
  evt('ready', { protocolVersion: version }),
  evt('status', {
    state: v.picklist(RUN_STATES),
    epoch: count,
    epochs: count,
    live: v.nullable(v.object({ ...liveEntries, speed })),
    divergence: v.optional(divergence),
    message: v.optional(v.string()),
  }),
  evt('metrics', { metrics: v.pipe(v.array(epochMetrics), v.minLength(1, 'must hold at least one epoch')) }),
  evt('dataset', { dataset: datasetInfo }),
  evt('snapshot', { id, snapshot }),
  evt('diagnostics', { id, epoch: count, split: v.picklist(EVALUATE_SPLITS), diagnostics }),
  evt('checkpoint', { id, config: experimentConfigSchema, state: trainerState, history: v.array(epochMetrics) }),
  evt('error', { id, command: v.nullable(v.string()), message: v.string() }),
  evt('pong', { id }),
]);

// ---- parsing -------------------------------------------------------------------------------

/** The first issue as `field.path: reason` (the root's issues without a path). */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  const reason = issue.input === undefined && issue.kind === 'schema' ? 'is missing' : issue.message;
  return path ? `${path}: ${reason}` : reason;
}

function readableType(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const type = (input as { type?: unknown }).type;
  return typeof type === 'string' ? type.slice(0, 64) : null;
}

/** The version is checked first so a mismatched peer hears about the version, not some field. */
function versionError(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return 'a message must be an object';
  const got = (input as { v?: unknown }).v;
  if (got === PROTOCOL_VERSION) return null;
  return `v: protocol version ${String(got)} is not supported; this side speaks version ${PROTOCOL_VERSION}`;
}

/** Validates a received command; never throws. */
export function parseCommand(input: unknown): ParsedCommand {
  const commandType = readableType(input);
  const wrongVersion = versionError(input);
  if (wrongVersion) return { ok: false, error: wrongVersion, commandType };
  const result = v.safeParse(engineCommandSchema, input);
  return result.success ? { ok: true, command: result.output } : { ok: false, error: describe(result.issues), commandType };
}

/** Validates a received event; never throws. */
export function parseEvent(input: unknown): ParsedEvent {
  const wrongVersion = versionError(input);
  if (wrongVersion) return { ok: false, error: wrongVersion };
  const result = v.safeParse(engineEventSchema, input);
  return result.success ? { ok: true, event: result.output } : { ok: false, error: describe(result.issues) };
}
