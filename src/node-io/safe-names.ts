/**
 * File names that can never point outside the folder they are meant for: generated session
 * ids, and names from users or files checked before they are joined to a folder.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { SESSION_EXTENSION } from '../shared/session';
import { MAX_NAME_BYTES } from './save-target';

export { MAX_NAME_BYTES };

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Names Windows maps to devices, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export class UnsafeNameError extends Error {
  override name = 'UnsafeNameError';
}

/** A new session id (a random UUID). */
export function newSessionId(): string {
  return randomUUID();
}

/** `<id>.vaelab` for a generated id; anything but letters, digits, `-` and `_` is refused. */
export function sessionFileName(id: string): string {
  if (typeof id !== 'string' || !SESSION_ID.test(id))
    throw new UnsafeNameError(`${JSON.stringify(id)} is not a session id (letters, digits, - and _, at most 64)`);
  return id + SESSION_EXTENSION;
}

/** Why `name` is not a plain file name, or null when it is. */
export function unsafeNameReason(name: unknown): string | null {
  if (typeof name !== 'string') return 'a file name must be text';
  if (name === '') return 'the name is empty';
  if (name.includes('\0')) return 'the name contains a NUL byte';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (/[/\\]/.test(name)) return 'the name contains a path separator (/ or \\)';
  if (name.includes(':')) return 'the name contains ":" (a drive or stream on Windows)';
  if (CONTROL.test(name)) return 'the name contains a control character';
  if (LONE_SURROGATE.test(name)) return 'the name contains a broken Unicode character';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `the name is longer than ${MAX_NAME_BYTES} bytes`;
  if (/[. ]$/.test(name)) return 'the name ends with a dot or a space (Windows drops them)';
  if (WINDOWS_DEVICE.test(name)) return `"${name}" is a device name on Windows`;
  return null;
}

/** The path of `name` directly inside `dir`; throws UnsafeNameError for anything that could leave it. */
export function resolveInside(dir: string, name: string): string {
  const reason = unsafeNameReason(name);
  if (reason) throw new UnsafeNameError(`${reason}: ${JSON.stringify(String(name).slice(0, 80))}`);
  const folder = resolve(dir);
  const path = join(folder, name);
  if (dirname(path) !== folder) throw new UnsafeNameError(`${JSON.stringify(name)} does not stay inside ${folder}`);
  return path;
}
