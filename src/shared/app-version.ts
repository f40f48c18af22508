/**
 * The app's version, package.json "version", written into every session file. A named import
 * of a JSON file: the bundlers (electron-vite, the web build's vite, the CLI's esbuild) inline
 * this one string at build time, tsx and vitest read the file, so the number is kept nowhere else.
 */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
