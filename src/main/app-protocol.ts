import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, mimeTypeFor, resolveAppPath } from './app-path';
import { CROSS_ORIGIN_ISOLATION, contentSecurityPolicy } from './content-security-policy.mjs';

/** Must run before `app` is ready: makes `app://` behave like https (origin, fetch, workers). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serve the built renderer folder `root` at `app://vae-lab/`, read-only, with the CSP and the cross-origin isolation headers on every response. */
export function serveAppProtocol(root: string): void {
  const policy = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filePath = resolveAppPath(request.url, root);
    if (filePath === null) return textResponse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(filePath);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': mimeTypeFor(filePath),
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
        ...CROSS_ORIGIN_ISOLATION,
      },
    });
  });
}
