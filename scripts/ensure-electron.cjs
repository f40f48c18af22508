#!/usr/bin/env node
// Makes sure the Electron runtime is on disk before `npm start` launches the app.
// Electron 42+ has no postinstall: its binary is downloaded on first use. We run Electron's own
// installer (node_modules/electron/install.js) explicitly so a failure gives one clear message
// instead of a stack trace from deep inside `require('electron')`.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** A download of ~100 MB on a slow line; beyond this we assume the network is black-holed. */
const DOWNLOAD_TIMEOUT_MS = 15 * 60 * 1000;

const electronDir = path.dirname(require.resolve('electron/package.json'));
const { version } = require(path.join(electronDir, 'package.json'));

function isInstalled() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const executable = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    return fs.existsSync(path.join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

/** The first line of the installer's error output that names the error, e.g. "TypeError: fetch failed". */
function reasonFrom(stderr, result) {
  if (result.error && result.error.code === 'ETIMEDOUT')
    return `no answer within ${DOWNLOAD_TIMEOUT_MS / 60000} minutes`;
  if (result.error) return result.error.message;
  const lines = String(stderr || '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  if (lines[0]) return lines[0];
  return result.status === 0
    ? 'the installer finished but left no Electron executable'
    : `the installer exited with code ${result.status}`;
}

if (!isInstalled()) {
  console.log(`VAE Lab needs the Electron ${version} runtime; downloading it once (about 100 MB)…`);
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (result.status !== 0 || !isInstalled()) {
    console.error(
      `\nVAE Lab could not start: the Electron ${version} runtime is not installed and downloading it failed ` +
        `(${reasonFrom(result.stderr, result)}). The desktop app needs a one-time download of Electron ` +
        `(from github.com, or the mirror named in ELECTRON_MIRROR), so its first start needs a network connection. ` +
        `Connect to the internet and run \`npm start\` again; if Electron is already on this machine, ` +
        `set ELECTRON_OVERRIDE_DIST_PATH to its folder instead. If the download keeps failing, delete ` +
        `node_modules/electron/dist and node_modules/electron/path.txt and retry.\n\n` +
        `Without the download you can use the same lab in your browser now: \`npm run web\` ` +
        `(it opens at http://127.0.0.1:5173), or \`npm run build:web && npm run preview:web\` ` +
        `(http://127.0.0.1:4173). Sessions are kept in the browser's storage there.\n`,
    );
    process.exit(1);
  }
  console.log(`Electron ${version} is installed.`);
}
