#!/usr/bin/env node
// Finds the Chromium the browser tests launch, in this order: $CHROMIUM_PATH, Playwright's own
// Chromium (when `npx playwright install chromium` has put it on disk), the system's
// /usr/bin/chromium (Debian's package). playwright.config.ts requires this file; run as a
// script with --install it downloads Playwright's Chromium when none of these exists.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Playwright's bundled Chromium path, whether or not it is installed; null if unknown. */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

/** @returns {{ path: string, source: string } | null} the first Chromium that exists on disk. */
function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const bundled = playwrightChromium();
  if (bundled && fs.existsSync(bundled)) return { path: bundled, source: 'Playwright' };
  const system = SYSTEM_CHROMIUM.find((candidate) => fs.existsSync(candidate));
  return system ? { path: system, source: 'system' } : null;
}

/**
 * Launch flags for headless Chromium here: without the networking ones a closed network (no
 * internet, as in CI) refuses Chromium's floods of background connections.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { findChromium, CHROMIUM_ARGS };

if (require.main === module) {
  let found = findChromium();
  if (found === null && process.argv.includes('--install')) {
    console.log(
      "No Chromium found for the browser tests; installing Playwright's Chromium (npx playwright install chromium)…",
    );
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    found = result.status === 0 ? findChromium() : null;
  }
  if (found === null) {
    console.error(
      "The browser tests need Chromium: set CHROMIUM_PATH, run `npx playwright install chromium`, or install your system's chromium package.",
    );
    process.exit(1);
  }
  console.log(`Browser tests use Chromium from ${found.source}: ${found.path}`);
}
