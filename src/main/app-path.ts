import { isAbsolute, relative, resolve } from 'node:path';

/** The privileged scheme and host the renderer is served from: `app://vae-lab/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vae-lab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Map an `app://vae-lab/...` URL to a file inside `root`, or null when the URL is not ours
 * or would leave `root` (`..` segments, encoded `%2e%2e` or `%2f`, backslashes, NUL bytes).
 * A path ending in `/` means its `index.html`. The file need not exist.
 */
export function resolveAppPath(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed escapes such as `%E0%A4%A`
  }
  // NUL truncates paths in native code; a backslash is a separator on Windows.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const base = resolve(root);
  const target = resolve(base, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const inside = relative(base, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return target;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/** Content type for a served file, by extension; unknown ones are opaque bytes. */
export function mimeTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const extension = dot < 0 ? '' : filePath.slice(dot).toLowerCase();
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}
