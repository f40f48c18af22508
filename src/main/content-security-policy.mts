/**
 * Content-Security-Policy sent with every page and script. 'unsafe-inline' is allowed for styles
 * only: Svelte writes `style` attributes (style: directives, transitions) and chart.js sizes its
 * canvases inline; scripts stay 'self' only, with no eval.
 */
const PRODUCTION_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'worker-src': "'self' blob:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** Build the policy; in dev, Vite's hot-reload client also needs its websocket. */
export function contentSecurityPolicy(devOrigin?: string): string {
  const directives = { ...PRODUCTION_DIRECTIVES };
  if (devOrigin !== undefined) {
    const socket = devOrigin.replace(/^http/, 'ws');
    directives['connect-src'] = `'self' ${socket}`;
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * Headers that make a page cross-origin isolated, so it (and its workers) get SharedArrayBuffer:
 * the engine's kernel threads share the arena's memory. Every response of the page's origin
 * carries them (docs/ARCHITECTURE.md, Kernel threads).
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
