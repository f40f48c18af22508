import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles runes in .svelte and .svelte.ts files for the renderer's state and component tests
  // (those run in jsdom, so Svelte's browser runtime is used); Testing Library goes through Vite
  // too, so it mounts with the same runtime. Each such test cleans up the DOM itself.
  plugins: [svelte(), svelteTesting({ autoCleanup: false })],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
