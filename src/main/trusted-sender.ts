import { APP_HOST, APP_SCHEME } from './app-path';

/**
 * True when an IPC message comes from a frame showing our own page: `app://vae-lab/...`,
 * or, during `electron-vite dev`, a page of the dev server origin passed in `devOrigin`.
 */
export function isTrustedSender(frameUrl: string | undefined, devOrigin?: string): boolean {
  if (frameUrl === undefined || frameUrl === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(frameUrl);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  // WHATWG URL gives non-special schemes an opaque origin ('null'), so compare the parts.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return (
    devOrigin !== undefined &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.origin === devOrigin
  );
}
