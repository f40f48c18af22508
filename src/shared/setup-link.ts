/**
 * A setup in a link (docs/ARCHITECTURE.md, Classroom): the experiment's configuration, the lesson's
 * preset and hidden controls, and drawn or imported points when they are small, as
 * `#setup=1.<code>`. The code is the compact session-file JSON of the setup (typed arrays as
 * base64 with their CRC-32), DEFLATE-compressed, in URL-safe base64 without padding. Reading checks
 * the payload with the session file's own schemas, so a bad link is named by its field.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import * as v from 'valibot';
import type { Classroom } from './classroom';
import type { ExperimentConfig } from './config';
import type { DataTable } from './data-table';
import { validateDatasetParams } from './dataset-params';
import { tableProblem } from './session-checks';
import { decodeBase64, encodeBase64 } from './session-base64';
import { toCompactJson } from './session-json';
import { issuePath, SETUP_LINK_SCHEMA } from './session-schema';
import { EMBEDDED_KINDS } from './session';

/** The version written before the dot; a link of another version is refused with a message. */
export const SETUP_LINK_VERSION = 1;
/** The name in the page's hash: `#setup=…`. */
export const SETUP_LINK_KEY = 'setup';
/** Longest code written with points in it; beyond it the points are left out of the link. */
export const SETUP_LINK_DATA_LIMIT = 6000;
/** Longest code read, and most bytes it may expand to (a link is never near either). */
const READ_LIMITS = { code: 200_000, bytes: 4_000_000 } as const;

export interface Setup {
  config: ExperimentConfig;
  classroom: Classroom;
  /** Drawn or imported points (csv and points datasets), or null: generated data needs none. */
  data: DataTable | null;
}

/** A link that cannot be read: `field: reason` (the field is empty for a damaged code). */
export class SetupLinkError extends Error {
  override name = 'SetupLinkError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

/** True for datasets whose points must travel with the setup. */
export function carriesData(config: ExperimentConfig): boolean {
  return (EMBEDDED_KINDS as readonly string[]).includes(config.dataset.kind);
}

/** The link's code, and whether the points were left out because they would make it too long. */
export function encodeSetup(setup: Setup): { code: string; dataLeftOut: boolean } {
  const code = (data: DataTable | null) =>
    `${SETUP_LINK_VERSION}.${toBase64Url(deflateSync(strToU8(toCompactJson({ ...setup, data })), { level: 9 }))}`;
  const data = carriesData(setup.config) ? setup.data : null;
  if (data === null) return { code: code(null), dataLeftOut: carriesData(setup.config) };
  const full = code(data);
  return full.length <= SETUP_LINK_DATA_LIMIT
    ? { code: full, dataLeftOut: false }
    : { code: code(null), dataLeftOut: true };
}

/** The setup a link's code holds. Throws a SetupLinkError naming the field and the reason. */
export function decodeSetup(code: string): Setup {
  const dot = code.indexOf('.');
  const version = dot < 0 ? '' : code.slice(0, dot);
  if (!/^\d+$/.test(version))
    throw new SetupLinkError('version', 'the link has no version number: it is cut short or not a setup link');
  if (Number(version) !== SETUP_LINK_VERSION)
    throw new SetupLinkError(
      'version',
      `the link is of version ${version}, this VAE Lab reads version ${SETUP_LINK_VERSION}${Number(version) > SETUP_LINK_VERSION ? ' (it was made by a newer VAE Lab)' : ''}`,
    );
  const raw = parsePayload(code.slice(dot + 1));
  const result = v.safeParse(SETUP_LINK_SCHEMA, raw, { abortEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    const missing = issue.input === undefined && issue.kind === 'schema';
    throw new SetupLinkError(issuePath(issue) || '(top level)', missing ? 'is missing' : issue.message);
  }
  const setup = result.output as Setup;
  try {
    validateDatasetParams(setup.config.dataset.kind, setup.config.dataset.params);
  } catch (e) {
    throw new SetupLinkError('config.dataset.params', (e as Error).message);
  }
  if (setup.data !== null) {
    if (!carriesData(setup.config))
      throw new SetupLinkError(
        'data',
        `a "${setup.config.dataset.kind}" dataset is generated: the link carries no points`,
      );
    if (setup.config.dataset.kind === 'points' && setup.data.dim !== 2)
      throw new SetupLinkError('data.dim', `is ${setup.data.dim}, drawn points have 2`);
    const p = tableProblem(setup.data, 'data');
    if (p) throw new SetupLinkError(p.field, p.reason);
  }
  return setup;
}

/** The code in a page's hash (`#setup=1.…`, among other `&`-separated entries), or null when there is none. */
export function setupCodeOf(hash: string): string | null {
  const entries = new URLSearchParams(hash.replace(/^#/, ''));
  return entries.get(SETUP_LINK_KEY);
}

function parsePayload(text: string): unknown {
  if (text.length > READ_LIMITS.code) throw new SetupLinkError('', `the link is too long (${text.length} characters)`);
  let json: string;
  try {
    json = strFromU8(inflateLimited(fromBase64Url(text)));
  } catch (e) {
    throw new SetupLinkError('', `the link is damaged or cut short (${(e as Error).message})`);
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new SetupLinkError('', `the link is damaged: its settings are not JSON (${(e as Error).message})`);
  }
}

/** DEFLATE data expanded, refusing more than READ_LIMITS.bytes. */
function inflateLimited(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > READ_LIMITS.bytes) throw new Error(`it expands past ${READ_LIMITS.bytes} bytes`);
    parts.push(chunk);
    ended ||= final;
  });
  const STEP = 1024;
  for (let at = 0; at < bytes.length; at += STEP)
    inflate.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
  if (bytes.length === 0) inflate.push(bytes, true);
  if (!ended) throw new Error('the compressed data ends too early');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    const at = text.search(/[^A-Za-z0-9_-]/);
    throw new Error(`a character that does not belong in it at position ${at}`);
  }
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return decodeBase64(padded);
}
