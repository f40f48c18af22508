#!/usr/bin/env node
// `npx vae-lab …`: runs the bundled command line (npm run build:cli makes it).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'out', 'cli', 'vae-lab.js');
if (!existsSync(bundle)) {
  console.error(
    'vae-lab: the command line is not built yet. Run `npm run build:cli` (or `npm run vae-lab -- …` to run it from source).',
  );
  process.exit(2);
}
require(bundle).main();
