/** Node-side access to the shipped MNIST resource; the engine itself does no I/O. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROJECT_NAME = 'vae-lab';
export const MNIST_RESOURCE = join('resources', 'mnist-digits.bin');

/** The nearest folder at or above `start` whose package.json is named "vae-lab". */
export function findProjectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readPackageName(pkg) === PROJECT_NAME) return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find the vae-lab project folder (a package.json named "${PROJECT_NAME}") above ${start}`);
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The bytes of resources/mnist-digits.bin, for `decodeMnist`. */
export function readMnistBytes(start?: string): Uint8Array {
  const file = join(findProjectRoot(start), MNIST_RESOURCE);
  if (!existsSync(file)) throw new Error(`MNIST data not found at ${file}; run \`npm run build:data\` to create it`);
  const buf = readFileSync(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
