/**
 * Assembles the engine's WebAssembly text kernels (SIMD) with the `wabt` package and writes
 * each as a TypeScript module holding its bytes in base64, so the engine can instantiate
 * them synchronously with no file access. Run: `npm run build:wasm`.
 * Tests re-assemble every .wat and check the committed files still match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wabt from 'wabt';

const KERNELS = resolve(__dirname, '../src/engine/kernels');

/** How a kernel module is assembled: exact or fused multiply-adds, over a private or a shared memory. */
export const WASM_VARIANTS = ['exact', 'exact-shared', 'relaxed', 'relaxed-shared'] as const;
export type WasmVariant = (typeof WASM_VARIANTS)[number];

/** Each kernel module: its text source, its generated file, the exported constant and its variants. */
export const WASM_MODULES = [
  {
    wat: resolve(KERNELS, 'gemm.wat'),
    generated: resolve(KERNELS, 'gemm-wasm.generated.ts'),
    constant: 'GEMM_WASM_BASE64',
    what: 'gemm',
    variants: WASM_VARIANTS,
  },
  {
    wat: resolve(KERNELS, 'elementwise.wat'),
    generated: resolve(KERNELS, 'elementwise-wasm.generated.ts'),
    constant: 'ELEMENTWISE_WASM_BASE64',
    what: 'elementwise',
    variants: ['exact', 'exact-shared'] as const,
  },
] as const;

export const WAT_PATH = WASM_MODULES[0].wat;
export const GENERATED_PATH = WASM_MODULES[0].generated;

const PRIVATE_MEMORY = '(import "env" "memory" (memory 1))';
/** A shared memory must declare its maximum: 65536 pages is all of wasm32's 4 GiB. */
const SHARED_MEMORY = '(import "env" "memory" (memory 1 65536 shared))';

/** The end of the balanced s-expression (or plain token) starting at `from` (after blanks). */
function expressionEnd(text: string, from: number): number {
  let i = from;
  if (text[i] !== '(') {
    while (i < text.length && !/[\s()]/.test(text[i])) i++;
    return i;
  }
  for (let depth = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced parentheses at offset ${from}`);
}

/** The two operands of the s-expression `(op X Y)` whose operator ends at `from`. */
function twoOperands(text: string, from: number): [x: string, y: string, end: number] | undefined {
  const skip = (i: number) => {
    while (/\s/.test(text[i])) i++;
    return i;
  };
  const xs = skip(from);
  const xe = expressionEnd(text, xs);
  const ys = skip(xe);
  const ye = expressionEnd(text, ys);
  const close = skip(ye);
  if (text[close] !== ')') return undefined;
  return [text.slice(xs, xe), text.slice(ys, ye), close + 1];
}

/** Rewrites each (f32x4.add X (f32x4.mul Y Z)) as (f32x4.relaxed_madd Y Z X): Y·Z + X, fused where the CPU has FMA. */
export function fuseMultiplyAdds(source: string): string {
  const ADD = '(f32x4.add ';
  const MUL = '(f32x4.mul ';
  let out = '';
  let at = 0;
  for (let i = source.indexOf(ADD); i >= 0; i = source.indexOf(ADD, at)) {
    const add = twoOperands(source, i + ADD.length);
    const mul = add && /^\(f32x4\.mul\s/.test(add[1]) ? twoOperands(add[1], MUL.length) : undefined;
    if (!add || !mul) {
      out += source.slice(at, i + ADD.length);
      at = i + ADD.length;
      continue;
    }
    out += `${source.slice(at, i)}(f32x4.relaxed_madd ${mul[0]} ${mul[1]} ${add[0]})`;
    at = add[2];
  }
  return out + source.slice(at);
}

/** The text of a variant of a kernel module. */
export function variantSource(source: string, variant: WasmVariant): string {
  let text = variant.startsWith('relaxed') ? fuseMultiplyAdds(source) : source;
  if (variant.endsWith('shared')) {
    if (!text.includes(PRIVATE_MEMORY)) throw new Error(`the module does not import ${PRIVATE_MEMORY}`);
    text = text.replace(PRIVATE_MEMORY, SHARED_MEMORY);
  }
  return text;
}

/** Assemble WebAssembly text into module bytes (no debug names, so the output is stable). */
export async function assembleWat(
  source: string,
  fileName = 'kernel.wat',
  variant: WasmVariant = 'exact',
): Promise<Uint8Array> {
  const toolkit = await wabt();
  const features = { simd: true, threads: true, relaxed_simd: true };
  const parsed = toolkit.parseWat(fileName, variantSource(source, variant), features);
  try {
    // the JS validate takes the features too (its .d.ts says no arguments): without them a shared memory is refused
    (parsed.validate as (f: object) => void)(features);
    return parsed.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    parsed.destroy();
  }
}

/** The text of the generated TypeScript module for the given wasm bytes of each variant. */
export function renderGeneratedModule(
  bytes: Partial<Record<WasmVariant, Uint8Array>>,
  module: (typeof WASM_MODULES)[number] = WASM_MODULES[0],
): string {
  const source = module.wat.slice(module.wat.indexOf('src/'));
  const entries = Object.entries(bytes).map(
    ([variant, b]) => `  '${variant}':\n    '${Buffer.from(b).toString('base64')}',`,
  );
  const sizes = Object.entries(bytes)
    .map(([variant, b]) => `${variant} ${b.length}`)
    .join(', ');
  return [
    `// Generated by build/wasm-to-ts.ts from ${source}. Do not edit: run \`npm run build:wasm\`.`,
    `/** The ${module.what} WebAssembly module in base64, per variant (bytes: ${sizes}). */`,
    `export const ${module.constant} = {`,
    ...entries,
    '} as const;',
    '',
  ].join('\n');
}

/** Every variant of a module, assembled. */
export async function assembleModule(
  module: (typeof WASM_MODULES)[number],
): Promise<Partial<Record<WasmVariant, Uint8Array>>> {
  const source = readFileSync(module.wat, 'utf8');
  const out: Partial<Record<WasmVariant, Uint8Array>> = {};
  for (const variant of module.variants) out[variant] = await assembleWat(source, module.wat, variant);
  return out;
}

async function main(): Promise<void> {
  for (const module of WASM_MODULES) {
    writeFileSync(module.generated, renderGeneratedModule(await assembleModule(module), module));
    console.log(`wrote ${module.generated}`);
  }
}

if (process.argv[1]?.endsWith('wasm-to-ts.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
