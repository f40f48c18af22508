/**
 * What a list of saved sessions shows about each one, and the checks every session store
 * (Electron main, browser storage) applies to ids and names coming from the page.
 */
import { SESSION_TEXT_LIMITS, type Session } from './session';

/** Generated session ids (a UUID fits): letters, digits, `-` and `_`, at most 64. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const SESSION_NAME_MAX = SESSION_TEXT_LIMITS.name;

/** library: the app's own sessions folder (or browser storage); file: a path the user picked. */
export type SessionPlace = 'library' | 'file';

export interface SessionSummary {
  id: string;
  place: SessionPlace;
  name: string;
  /** Dataset kind, e.g. "pinwheel". */
  dataset: string;
  /** Completed epochs. */
  epoch: number;
  /** Total loss of the last epoch, or null before the first. */
  loss: number | null;
  /** ISO 8601. */
  modifiedAt: string;
  /** A newer schema: it may be opened, never saved over. */
  readOnly: boolean;
  /** Where the file is, for files the user picked (shown, never sent back). */
  path?: string;
  /** A save that reached the disk with a caveat ("saved …, but not yet flushed to the disk"). */
  warning?: string;
}

/** A session file in the list that could not be read. */
export interface BrokenSession {
  id: string;
  /** The decoder's message: file, field, reason. */
  problem: string;
  /** True when `<file>.bak` exists and can be offered instead. */
  hasBackup: boolean;
}

export interface SessionListing {
  sessions: SessionSummary[];
  broken: BrokenSession[];
}

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value);
}

/** Why `value` cannot be a session name, or null when it can. */
export function sessionNameProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'a session name must be text';
  if (value.trim() === '') return 'the name is empty';
  if (value.length > SESSION_NAME_MAX) return `the name is longer than ${SESSION_NAME_MAX} characters`;
  return null;
}

export function summarize(id: string, place: SessionPlace, session: Session, readOnly: boolean): SessionSummary {
  const last = session.history.at(-1);
  return {
    id,
    place,
    name: session.name,
    dataset: session.config.dataset.kind,
    epoch: session.status.epoch,
    loss: last?.loss ?? null,
    modifiedAt: session.modifiedAt,
    readOnly,
  };
}

/** The same session under another name, modified now. */
export function renamedSession(session: Session, name: string, now: Date = new Date()): Session {
  return { ...session, name, modifiedAt: now.toISOString() };
}

/** "pinwheel (copy)", kept within the name limit. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.slice(0, SESSION_NAME_MAX - suffix.length) + suffix;
}
