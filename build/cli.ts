/**
 * Bundles the command line (src/cli) into out/cli/vae-lab.js, so `npx vae-lab` runs it with
 * plain Node. TensorFlow.js stays external: only `vae-lab bench` loads it, from node_modules.
 * Run: `npm run build:cli` (part of `npm run build`).
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const outfile = resolve(__dirname, '../out/cli/vae-lab.js');
  await build({
    entryPoints: [resolve(__dirname, '../src/cli/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['@tensorflow/*', 'mnist'],
    logLevel: 'warning',
  });
  console.log(`wrote ${outfile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
