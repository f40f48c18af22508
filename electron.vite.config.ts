import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

// Entries follow electron-vite's defaults: src/main/index.ts, src/preload/index.ts,
// src/renderer/index.html → out/main, out/preload, out/renderer. Without "type": "module" in
// package.json main and preload are emitted as CommonJS (a sandboxed preload must be CJS).
export default defineConfig({
  main: {
    // electron-store and conf are ESM-only: bundle them into the CommonJS main.
    build: { externalizeDeps: { exclude: ['electron-store', 'conf'] } },
  },
  preload: {},
  renderer: {
    plugins: [svelte()],
  },
});
