import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { decodeSafetensors, encodeSafetensors } from '../../src/engine/export/safetensors';
import { decodeSession } from '../../src/shared/session-codec';

const dir = mkdtempSync(join(tmpdir(), 'vae-cli-export-'));
const session = join(dir, 's.vaelab');
const pt = join(dir, 'pt');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function weightsOf(file: string): Float32Array[] {
  return decodeSession(readFileSync(file, 'utf8'), file).session.state!.weights;
}

function hasPython(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

beforeAll(async () => {
  const r = await run(
    'train',
    '--preset',
    'lecture',
    '--data',
    'perClass=60',
    '--hidden',
    '8',
    '--epochs',
    '2',
    '--out',
    session,
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 120_000);

describe('vae-lab export and import', () => {
  it('writes the PyTorch files and imports the exported weights back bit for bit', async () => {
    const e = await run('export', session, '--to', 'pytorch', '--out', pt);
    expect(e.code).toBe(0);
    expect(readdirSync(pt).sort()).toEqual([
      'README.md',
      'data.npz',
      'data.py',
      'model.py',
      'safetensors_lite.py',
      'session.vaelab',
      'train.py',
      'vaelab-export.json',
      'weights.safetensors',
    ]);
    const back = join(dir, 'back.vaelab');
    const i = await run('import', pt, '--out', back);
    expect(i.err).toBe('');
    expect(i.code).toBe(0);
    const a = weightsOf(session);
    const b = weightsOf(back);
    expect(b.length).toBe(a.length);
    for (let k = 0; k < a.length; k++) expect(new Uint8Array(b[k].buffer)).toEqual(new Uint8Array(a[k].buffer));
    const ev = await run('eval', back);
    expect(ev.code).toBe(0);
    expect(ev.out).toMatch(/-ELBO \d/);
  }, 120_000);

  it('refuses a tensor of another shape or name, naming it with the expected and found shape', async () => {
    const bad = join(dir, 'bad');
    await run('export', session, '--to', 'pytorch', '--out', bad);
    const { tensors } = decodeSafetensors(readFileSync(join(bad, 'weights.safetensors')));
    const shaped = tensors.map((t) =>
      t.name === 'decoder.layers.0.weight' ? { ...t, shape: [4, 4], values: new Float32Array(16) } : t,
    );
    writeFileSync(join(bad, 'trained.safetensors'), encodeSafetensors(shaped));
    const r = await run('import', bad, '--out', join(dir, 'x.vaelab'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('tensor decoder.layers.0.weight: expected shape [8, 2], found [4, 4]');
    const renamed = tensors.map((t) => (t.name === 'encoder.layers.0.bias' ? { ...t, name: 'encoder.layers.0.b' } : t));
    writeFileSync(join(bad, 'trained.safetensors'), encodeSafetensors(renamed));
    const m = await run('import', bad, '--out', join(dir, 'x.vaelab'));
    expect(m.code).toBe(2);
    expect(m.err).toContain('tensor encoder.layers.0.bias: missing (expected shape [8])');
  }, 120_000);

  it('writes encoder.onnx and decoder.onnx', async () => {
    const onnx = join(dir, 'onnx');
    expect((await run('export', session, '--to', 'onnx', '--out', onnx)).code).toBe(0);
    expect(readdirSync(onnx).sort()).toEqual([
      'README.md',
      'decoder.onnx',
      'encoder.onnx',
      'session.vaelab',
      'vaelab-export.json',
    ]);
    expect((await run('export', session, '--to', 'tf', '--out', onnx)).err).toContain(
      '"tf" is not one of pytorch, onnx',
    );
  }, 120_000);

  // Without torch (see export-torch.test.ts for the runs with it): every generated file compiles, and
  // the stdlib reader reads our file.
  it.runIf(hasPython())('python3 compiles every generated file and its stdlib reader reads our weights', () => {
    for (const f of ['model.py', 'train.py', 'data.py', 'safetensors_lite.py'])
      execFileSync('python3', ['-m', 'py_compile', join(pt, f)]);
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(pt)})`,
      'from safetensors_lite import read_safetensors, write_safetensors',
      `t, m = read_safetensors(${JSON.stringify(join(pt, 'weights.safetensors'))})`,
      `write_safetensors(${JSON.stringify(join(dir, 'py.safetensors'))}, t, m)`,
      'print(json.dumps({k: [s, list(v)] for k, (s, v) in t.items()}))',
    ].join('\n');
    const read = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<
      string,
      [number[], number[]]
    >;
    const ours = decodeSafetensors(readFileSync(join(pt, 'weights.safetensors'))).tensors;
    expect(Object.keys(read)).toEqual(ours.map((t) => t.name));
    for (const t of ours) {
      expect(read[t.name][0]).toEqual(t.shape);
      expect(read[t.name][1]).toEqual(Array.from(t.values));
    }
    expect(readFileSync(join(dir, 'py.safetensors'))).toEqual(readFileSync(join(pt, 'weights.safetensors')));
  });
});
