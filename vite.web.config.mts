/**
 * The renderer alone, as a static web site (the web build and what the browser tests drive):
 * root src/renderer, output dist-web/. The engine runs in a module Worker; MNIST is a hashed
 * static asset (imported with ?url). The built page carries the same Content-Security-Policy
 * as the desktop app, so a web build that works proves the app's policy is enough.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { CROSS_ORIGIN_ISOLATION, contentSecurityPolicy } from './src/main/content-security-policy.mjs';

const WEB_HOST = '127.0.0.1';
const WEB_DEV_PORT = 5173;
const WEB_PREVIEW_PORT = 4173;

/** Adds the CSP meta tag to the built index.html (not in dev: Vite's client needs more there). */
function cspMeta(): Plugin {
  return {
    name: 'vae-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      // frame-ancestors is ignored in a meta tag (header only), so it is left out here.
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy().replace(/; frame-ancestors [^;]*/, ''),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [svelte(), cspMeta()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // The MNIST resource must stay a file, never an inlined data: URL.
    assetsInlineLimit: 4096,
  },
  // Cross-origin isolation gives the engine's Worker SharedArrayBuffer, for its kernel threads.
  server: {
    host: WEB_HOST,
    port: WEB_DEV_PORT,
    strictPort: true,
    fs: { allow: [import.meta.dirname] },
    headers: CROSS_ORIGIN_ISOLATION,
  },
  preview: { host: WEB_HOST, port: WEB_PREVIEW_PORT, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
});
