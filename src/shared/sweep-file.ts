/**
 * The `.vaelab-sweep` file: the sweep definition and every run, each with its status, final
 * diagnostics and whole session (settings, weights, metric history), so any run reopens as a
 * session. Versioned; every field is checked on reading and a problem names the field.
 */
import * as v from 'valibot';
import { decodeSession, encodeSession, SessionFileError } from './session-codec';
import type { Diagnostics } from './protocol';
import type { Session } from './session';
import {
  SWEEP_FLAGS,
  SWEEP_FORMAT,
  SWEEP_SCHEMA_VERSION,
  validateSweep,
  type SweepDefinition,
  type SweepFlag,
} from './sweep';

export const RUN_STATUSES = ['done', 'diverged', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The final whole-training-set figures of a run (nats per example). */
export interface RunDiagnostics {
  negElbo: number;
  recon: number;
  kl: number;
  rate: number;
  distortion: number;
  activeUnits: number;
  mutualInfo: number;
  klPerDim: number[];
  /** One standard error of each Monte-Carlo figure; null in files written before they were kept. */
  se: { negElbo: number; recon: number; mutualInfo: number } | null;
  /** −log p(x) of the run, or null when it was not computed. */
  likelihood: LikelihoodFigure | null;
}

/**
 * −log p(x), nats per example: `exact` by quadrature (latent size ≤ 2; `se` is 0 unless a random
 * subset of examples was used), else `iwae`, the importance-weighted bound −L_k (an estimate from
 * above, Burda et al. 2016) with its Monte-Carlo standard error.
 */
export interface LikelihoodFigure {
  method: 'exact' | 'iwae';
  negLogPx: number;
  se: number;
  /** Importance samples of −L_k; null for the exact figure. */
  k: number | null;
}

/** The figures a sweep keeps of an engine's whole-data evaluation. */
export function runDiagnostics(d: Diagnostics): RunDiagnostics {
  const likelihood: LikelihoodFigure | null = d.exact
    ? { method: 'exact', negLogPx: d.exact.negLogPx, se: d.exact.se.negLogPx, k: null }
    : d.iwae
      ? { method: 'iwae', negLogPx: d.iwae.negBound, se: d.iwae.se, k: d.iwae.k }
      : null;
  return {
    negElbo: d.negElbo,
    recon: d.recon,
    kl: d.kl,
    rate: d.rate,
    distortion: d.distortion,
    activeUnits: d.activeUnits,
    mutualInfo: d.mutualInfo,
    klPerDim: [...d.klPerDim],
    se: { negElbo: d.se.negElbo, recon: d.se.recon, mutualInfo: d.se.mutualInfo },
    likelihood,
  };
}

export interface SweepRun {
  index: number;
  values: Partial<Record<SweepFlag, number>>;
  status: RunStatus;
  /** Why a run failed or diverged. */
  message: string | null;
  /** Its session file, relative to the sweep file. */
  file: string;
  diagnostics: RunDiagnostics | null;
  session: Session | null;
}

export interface SweepFile {
  /** The name the app lists it by; absent in the CLI's files (they go by their file name). */
  name?: string;
  appVersion: string;
  createdAt: string;
  definition: SweepDefinition;
  runs: SweepRun[];
}

export class SweepFileError extends Error {}

export const MAX_SWEEP_NAME = 200;

export function encodeSweep(s: SweepFile): string {
  const runs = s.runs.map((r) => ({
    ...r,
    session: r.session ? (JSON.parse(encodeSession(r.session)) as unknown) : null,
  }));
  return JSON.stringify({ format: SWEEP_FORMAT, version: SWEEP_SCHEMA_VERSION, ...s, runs }, null, 1);
}

const num = (f: string) => v.pipe(v.number(`${f}: expected a number`), v.finite(`${f}: expected a finite number`));

const se = (f: string) => v.pipe(num(f), v.minValue(0, `${f}: expected a standard error (0 or more)`));

const diagnosticsSchema = (f: string) =>
  v.nullable(
    v.object(
      {
        negElbo: num(`${f}.negElbo`),
        recon: num(`${f}.recon`),
        kl: num(`${f}.kl`),
        rate: num(`${f}.rate`),
        distortion: num(`${f}.distortion`),
        activeUnits: v.pipe(num(`${f}.activeUnits`), v.integer(`${f}.activeUnits: expected a whole number`)),
        mutualInfo: num(`${f}.mutualInfo`),
        klPerDim: v.array(num(`${f}.klPerDim[]`), `${f}.klPerDim: expected a list`),
        se: v.nullish(
          v.object(
            { negElbo: se(`${f}.se.negElbo`), recon: se(`${f}.se.recon`), mutualInfo: se(`${f}.se.mutualInfo`) },
            `${f}.se: expected an object or null`,
          ),
          null,
        ),
        likelihood: v.nullish(
          v.pipe(
            v.object(
              {
                method: v.picklist(['exact', 'iwae'], `${f}.likelihood.method: expected exact or iwae`),
                negLogPx: num(`${f}.likelihood.negLogPx`),
                se: se(`${f}.likelihood.se`),
                k: v.nullable(
                  v.pipe(num(`${f}.likelihood.k`), v.integer(`${f}.likelihood.k: expected a whole number`)),
                ),
              },
              `${f}.likelihood: expected an object or null`,
            ),
            v.check(
              (l) => (l.method === 'exact') === (l.k === null),
              `${f}.likelihood.k: the exact figure has no k, and −L_k needs its k`,
            ),
          ),
          null,
        ),
      },
      `${f}: expected an object or null`,
    ),
  );

const runSchema = (f: string) =>
  v.object(
    {
      index: v.pipe(num(`${f}.index`), v.integer(`${f}.index: expected a whole number`)),
      values: v.record(
        v.picklist(SWEEP_FLAGS, `${f}.values: unknown setting`),
        num(`${f}.values[]`),
        `${f}.values: expected an object`,
      ),
      status: v.picklist(RUN_STATUSES, `${f}.status: expected one of ${RUN_STATUSES.join(', ')}`),
      message: v.nullable(v.string(`${f}.message: expected text or null`)),
      file: v.pipe(v.string(`${f}.file: expected text`), v.maxLength(500, `${f}.file: too long`)),
      diagnostics: diagnosticsSchema(`${f}.diagnostics`),
      session: v.unknown(),
    },
    `${f}: expected an object`,
  );

function fail(file: string, message: string): never {
  throw new SweepFileError(`${file}: ${message}`);
}

/** Reads a sweep file's text; throws a SweepFileError naming the file and the field. */
export function decodeSweep(text: string, file: string): SweepFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, `not a sweep file (not JSON: ${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(file, 'not a sweep file (expected an object)');
  const o = raw as Record<string, unknown>;
  if (o.format !== SWEEP_FORMAT) fail(file, `format: expected "${SWEEP_FORMAT}"`);
  if (o.version !== SWEEP_SCHEMA_VERSION)
    fail(
      file,
      typeof o.version === 'number' && o.version > SWEEP_SCHEMA_VERSION
        ? `version: ${o.version} was written by a newer VAE Lab (this one reads version ${SWEEP_SCHEMA_VERSION})`
        : `version: expected ${SWEEP_SCHEMA_VERSION}`,
    );
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length > MAX_SWEEP_NAME))
    fail(file, `name: expected text of at most ${MAX_SWEEP_NAME} characters`);
  if (typeof o.appVersion !== 'string') fail(file, 'appVersion: expected text');
  if (typeof o.createdAt !== 'string' || Number.isNaN(Date.parse(o.createdAt)))
    fail(file, 'createdAt: expected a date');
  let definition: SweepDefinition;
  try {
    definition = validateSweep(o.definition, 'definition');
  } catch (e) {
    fail(file, (e as Error).message);
  }
  if (!Array.isArray(o.runs)) fail(file, 'runs: expected a list');
  const runs = o.runs.map((r, i): SweepRun => {
    const f = `runs[${i}]`;
    const parsed = v.safeParse(runSchema(f), r);
    if (!parsed.success) fail(file, parsed.issues[0].message);
    const run = parsed.output;
    if (run.index !== i) fail(file, `${f}.index: expected ${i}`);
    let session: Session | null = null;
    if (run.session !== null) {
      try {
        session = decodeSession(JSON.stringify(run.session), `${f}.session`).session;
      } catch (e) {
        if (e instanceof SessionFileError) fail(file, e.message);
        throw e;
      }
    } else if (run.status !== 'failed') fail(file, `${f}.session: a ${run.status} run keeps its session`);
    return { ...run, values: run.values as SweepRun['values'], session };
  });
  const head = o.name === undefined ? {} : { name: o.name as string };
  return { ...head, appVersion: o.appVersion, createdAt: o.createdAt, definition, runs };
}
