/**
 * The writer compiled to plain CommonJS in a temp folder, with a small driver script, so tests
 * can run saves in child processes (killed mid-save, or under another user) without a TS loader.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const SOURCES = ['atomic-write', 'save-error', 'save-target', 'temp-files'];

/**
 * Driver: `node child.js once TARGET TEXT` saves once and prints the outcome as JSON;
 * `node child.js loop TARGET BYTES` prints "ready" then saves two alternating contents forever.
 */
const DRIVER = `
const { writeFileAtomic } = require('./atomic-write.js');
const [mode, target, arg] = process.argv.slice(2);
if (mode === 'once') {
  try { writeFileAtomic(target, arg); console.log(JSON.stringify({ ok: true })); }
  catch (e) { console.log(JSON.stringify({ ok: false, name: e.name, code: e.code, message: e.message })); }
} else {
  const size = Number(arg);
  const contents = ['B', 'A'].map((c) => Buffer.concat([Buffer.from('version ' + c + '\\n'), Buffer.alloc(size, c)]));
  process.stdout.write('ready\\n');
  for (let i = 0; ; i++) writeFileAtomic(target, contents[i % 2]);
}
`;

/** Compiles the writer into a fresh folder readable by every user; returns the driver's path. */
export function compileWriterChild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vaelab-writer-'));
  chmodSync(dir, 0o755);
  for (const name of SOURCES) {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'node-io', `${name}.ts`), 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(dir, `${name}.js`), out.outputText, { mode: 0o644 });
  }
  writeFileSync(join(dir, 'child.js'), DRIVER, { mode: 0o644 });
  return join(dir, 'child.js');
}

/** The content the loop driver writes for version `c` ('A' or 'B'). */
export function loopContent(c: 'A' | 'B', size: number): Buffer {
  return Buffer.concat([Buffer.from(`version ${c}\n`), Buffer.alloc(size, c)]);
}
