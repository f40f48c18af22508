/**
 * Validation of protocol messages where they are received: every field's type, finite numbers,
 * the limits of the settings tables, literal unions and the protocol version. Errors name the
 * field and the reason, e.g. `live.beta: must be at least 0 (got -1)`. The configuration, trainer
 * state, metrics and tables come from the schema builder that session files use too.
 */
import * as v from 'valibot';
import {
  ACK_EVENTS,
  COMMAND_TYPES,
  EVALUATE_SPLITS,
  EXPORT_TARGETS,
  IWAE_K_LIMIT,
  MAX_POINT_LABEL,
  MAX_POINTS,
  POSTERIOR_SIZE_LIMIT,
  PROTOCOL_VERSION,
  RECON_LIMIT,
  RUN_STATES,
  SPEED_LIMIT,
} from './protocol';
import type { EngineCommand, EngineEvent } from './protocol';
import { buildSchemas, describeIssue } from './schema-builder';
import { OPTIMIZERS } from './settings';

export type ParsedCommand =
  { ok: true; command: EngineCommand } | { ok: false; error: string; commandType: string | null };
export type ParsedEvent = { ok: true; event: EngineEvent } | { ok: false; error: string };

/** Longest accepted CSV text, in characters. */
const MAX_CSV_CHARS = 256 * 1024 * 1024;

const float32 = v.instance(Float32Array, 'must be a Float32Array');
const uint32Array = v.instance(Uint32Array, 'must be a Uint32Array');
const int32Array = v.instance(Int32Array, 'must be an Int32Array');
/** Over a port numbers are plain: ±∞ (bounds of a broken model) pass, NaN only where said. */
const anyNumber = v.number('must be a number');

const S = buildSchemas({
  number: anyNumber,
  numberOrNaN: v.union([anyNumber, v.nan()], 'must be a number'),
  f32: float32,
  u32: uint32Array,
  i32: int32Array,
});
const { finite, ranged, count } = S;
/** Optional request id, echoed in the answer. */
const id = v.optional(count);
const version = v.literal(
  PROTOCOL_VERSION,
  (issue) => `protocol version ${String(issue.input)} is not supported; this side speaks version ${PROTOCOL_VERSION}`,
);

export const experimentConfigSchema = S.config;

const speed = v.union(
  [v.literal('max'), ranged(SPEED_LIMIT)],
  `must be 'max' or a number of epochs per second from ${SPEED_LIMIT.min} to ${SPEED_LIMIT.max}`,
);

const liveChange = v.object({ ...S.livePatch, speed: v.optional(speed) });

const labelledPoint = v.object({
  x: finite,
  y: finite,
  label: ranged({ min: -1, max: MAX_POINT_LABEL, integer: true }),
});

/** A parsed table: its arrays must hold n × dim values and n labels. */
const dataTable = v.pipe(
  S.dataTable,
  v.check((t) => t.x.length === t.n * t.dim, 'x must hold n × dim values'),
  v.check(
    (t) => t.labels.length === t.n && t.columns.length === t.dim,
    'labels must hold n values and columns dim names',
  ),
);

const dataSources = v.object({
  mnistBytes: v.optional(v.instance(ArrayBuffer, 'must be an ArrayBuffer')),
  csvText: v.optional(v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS))),
  points: v.optional(v.pipe(v.array(labelledPoint), v.maxLength(MAX_POINTS))),
  table: v.optional(dataTable),
});

// ---- engine results ------------------------------------------------------------------------

const epochMetrics = S.epochMetrics;
const divergence = S.divergence;

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
  iwae: v.nullable(v.object({ k: count, negBound: anyNumber, se: anyNumber })),
  se: v.object({ negElbo: anyNumber, recon: anyNumber, mutualInfo: anyNumber }),
  reconSamples: count,
  exact: v.nullable(
    v.object({
      grid: count,
      examples: count,
      negLogPx: anyNumber,
      negElbo: anyNumber,
      gap: anyNumber,
      se: v.object({ negLogPx: anyNumber, gap: anyNumber }),
    }),
  ),
});

const truePosterior = v.pipe(
  v.object({
    index: count,
    epoch: count,
    latent: ranged({ min: 1, max: 2, integer: true }),
    size: ranged(POSTERIOR_SIZE_LIMIT),
    lo: v.array(finite),
    hi: v.array(finite),
    density: float32,
    mean: v.array(anyNumber),
    cov: v.array(anyNumber),
    q: v.object({ mean: v.array(anyNumber), logvar: v.array(anyNumber) }),
    kl: anyNumber,
    logPx: anyNumber,
    elbo: anyNumber,
  }),
  v.check((p) => p.density.length === p.size ** p.latent, 'density must hold size^latent values'),
  v.check(
    (p) => p.lo.length === p.latent && p.hi.length === p.latent && p.cov.length === p.latent ** 2,
    'lo and hi must hold latent values and cov latent² values',
  ),
);

const trainerState = S.trainerState;

const dissectedLayer = v.object({
  name: v.string(),
  size: count,
  weightNorm: anyNumber,
  gradNorm: anyNumber,
  updateNorm: anyNumber,
  weight: v.object({ tensor: v.string(), index: count, before: anyNumber, after: anyNumber, grad: anyNumber }),
});

const dissectedStep = v.pipe(
  v.object({
    epoch: count,
    step: count,
    stepInEpoch: count,
    stepsPerEpoch: count,
    rows: count,
    latent: count,
    dim: count,
    samples: count,
    indices: uint32Array,
    mu: float32,
    logvar: float32,
    eps: float32,
    z: float32,
    shown: count,
    x: float32,
    decoded: float32,
    loss: anyNumber,
    recon: anyNumber,
    kl: anyNumber,
    klObjective: anyNumber,
    klPerDim: v.array(anyNumber),
    beta: anyNumber,
    freeBits: anyNumber,
    gradNorm: anyNumber,
    clip: anyNumber,
    clipped: v.boolean(),
    optimizer: v.picklist(OPTIMIZERS),
    lr: anyNumber,
    layers: v.array(dissectedLayer),
  }),
  v.check(
    (d) => d.indices.length === d.rows && d.mu.length === d.rows * d.latent && d.logvar.length === d.mu.length,
    'indices must hold rows values, mu and logvar rows × latent',
  ),
  v.check(
    (d) => d.eps.length === d.samples * d.rows * d.latent && d.z.length === d.eps.length,
    'eps and z must hold samples × rows × latent values',
  ),
  v.check(
    (d) => d.shown <= d.rows && d.x.length === d.shown * d.dim && d.decoded.length === d.x.length,
    'x and decoded must hold shown × dim values, shown at most rows',
  ),
  v.check((d) => d.klPerDim.length === d.latent, 'klPerDim must hold latent values'),
);

// ---- commands ------------------------------------------------------------------------------

const cmd = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ v: version, type: v.literal(type), id, ...entries });

export const engineCommandSchema = v.variant(
  'type',
  [
    cmd('configure', { config: experimentConfigSchema, sources: v.optional(dataSources) }),
    cmd('start', {}),
    cmd('pause', {}),
    cmd('resume', {}),
    cmd('step', {}),
    cmd('reset', {}),
    cmd('dissect', {}),
    cmd('setLive', { live: liveChange }),
    cmd('snapshot', {
      recon: v.optional(
        v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.minLength(1), v.maxLength(RECON_LIMIT)),
      ),
    }),
    cmd('evaluate', { iwaeK: ranged(IWAE_K_LIMIT), split: v.optional(v.picklist(EVALUATE_SPLITS)) }),
    cmd('posterior', { index: count, size: v.optional(ranged(POSTERIOR_SIZE_LIMIT)) }),
    cmd('getCheckpoint', { historyFrom: v.optional(count) }),
    cmd('loadCheckpoint', { state: trainerState, history: v.array(epochMetrics) }),
    cmd('ping', {}),
    cmd('ack', { event: v.picklist(ACK_EVENTS) }),
    cmd('exportModel', {
      target: v.picklist(EXPORT_TARGETS),
      name: v.pipe(v.string(), v.maxLength(200)),
      sessionText: v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS)),
    }),
  ],
  `must be one of ${COMMAND_TYPES.join(', ')}`,
);

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
  spectrum: v.object({
    eigenvalues: v.nullable(v.array(finite)),
    entropy: v.nullable(finite),
    sampleEntropy: v.nullable(finite),
  }),
  checksum: v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/, 'must be 8 hex digits (a CRC-32)')),
  kernels: v.optional(v.object({ ...S.kernelEntries, note: v.nullable(v.pipe(v.string(), v.maxLength(500))) })),
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
    manifold: v.nullable(v.object({ lines: count, points: count, mean: float32 })),
    recon: v.object({ indices: uint32Array, x: float32, mean: float32 }),
    logvars: v.optional(float32),
    sampled: v.optional(
      v.nullable(v.object({ z: v.array(finite), x: v.array(finite), distance: finite, tries: count })),
    ),
    ms: finite,
  }),
  v.check((s) => s.means.length === s.rows * s.latent, 'means must hold rows × latent values'),
  v.check(
    (s) =>
      s.prior.z.length === s.prior.count * s.latent &&
      s.prior.mean.length === s.prior.count * s.dim &&
      s.prior.sample.length === s.prior.count * s.dim,
    'prior arrays must match count × latent and count × dim',
  ),
  v.check(
    (s) => s.grid === null || s.grid.mean.length === s.grid.size * s.grid.size * s.dim,
    'grid.mean must hold size² × dim values',
  ),
  v.check(
    (s) =>
      s.manifold === null ||
      s.manifold.mean.length === (s.latent === 2 ? 2 * s.manifold.lines : 1) * s.manifold.points * s.dim,
    'manifold.mean must hold line count × points × dim values',
  ),
  v.check(
    (s) => s.logvars === undefined || s.logvars.length === s.rows * s.latent,
    'logvars must hold rows × latent values',
  ),
  v.check(
    (s) => !s.sampled || (s.sampled.z.length === s.latent && s.sampled.x.length === s.dim),
    'sampled must hold latent z values and dim x values',
  ),
);

export const engineEventSchema = v.variant('type', [
  evt('ready', { protocolVersion: version }),
  evt('status', {
    state: v.picklist(RUN_STATES),
    epoch: count,
    epochs: count,
    live: v.nullable(v.object({ ...S.liveEntries, speed })),
    divergence: v.optional(divergence),
    message: v.optional(v.string()),
  }),
  evt('metrics', { metrics: v.pipe(v.array(epochMetrics), v.minLength(1, 'must hold at least one epoch')) }),
  evt('dataset', { dataset: datasetInfo }),
  evt('snapshot', { id, snapshot }),
  evt('diagnostics', { id, epoch: count, split: v.picklist(EVALUATE_SPLITS), diagnostics }),
  evt('posterior', { id, posterior: truePosterior }),
  evt('dissection', { id, dissection: dissectedStep }),
  evt('checkpoint', {
    id,
    config: experimentConfigSchema,
    state: trainerState,
    history: v.array(epochMetrics),
    historyFrom: v.optional(count),
  }),
  evt('error', { id, command: v.nullable(v.string()), message: v.string() }),
  evt('pong', { id }),
  evt('exportFiles', {
    id,
    target: v.picklist(EXPORT_TARGETS),
    files: v.array(v.object({ name: v.string(), bytes: v.instance(Uint8Array, 'must be a Uint8Array') })),
  }),
]);

// ---- parsing -------------------------------------------------------------------------------

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
  return result.success
    ? { ok: true, command: result.output }
    : { ok: false, error: describeIssue(result.issues), commandType };
}

/** Validates a received event; never throws. */
export function parseEvent(input: unknown): ParsedEvent {
  const wrongVersion = versionError(input);
  if (wrongVersion) return { ok: false, error: wrongVersion };
  const result = v.safeParse(engineEventSchema, input);
  return result.success ? { ok: true, event: result.output } : { ok: false, error: describeIssue(result.issues) };
}
