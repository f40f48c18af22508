/**
 * The PyTorch export run by PyTorch itself: model.py against the engine, train.py on one process
 * and under torch.distributed.run (gloo), and the way back with `vae-lab import` and `vae-lab eval`.
 * Needs a python3 with torch (Debian's python3-torch; .ci/run installs it). In CI a missing torch
 * fails these tests; elsewhere they are skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { sessionRunData } from '../../src/cli/session-data';
import { decodeSafetensors } from '../../src/engine/export/safetensors';
import { Trainer } from '../../src/engine/trainer';
import { runPython } from '../support/run-python';
import { decodeSession } from '../../src/shared/session-codec';
import type { Session } from '../../src/shared/session';

const ROWS = 200;

/** The first python that imports torch: Debian's /usr/bin/python3 (a pyenv python3 on PATH may lack it). */
function torchPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3'])
    if (spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return candidate;
  return null;
}

const python = torchPython();
const inCi = Boolean(process.env.CI);
if (python === null && !inCi)
  console.warn('export-torch.test.ts skipped: no python3 here imports torch (apt-get install python3-torch)');

const dir = mkdtempSync(join(tmpdir(), 'vae-export-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PY_ENV = { ...process.env, OMP_NUM_THREADS: '1', GLOO_SOCKET_IFNAME: 'lo' };

/** Runs python in `cwd`; fails with everything it printed when it fails or is still going after `timeoutMs`. */
async function py(cwd: string, ...args: string[]): Promise<string> {
  return pyWithin(240_000, cwd, ...args);
}

async function pyWithin(timeoutMs: number, cwd: string, ...args: string[]): Promise<string> {
  const r = await runPython(python!, args, { cwd, env: PY_ENV, timeoutMs });
  if (r.code === 0 && !r.timedOut) return r.stdout;
  const why = r.timedOut ? `still running after ${timeoutMs / 1000} s, killed` : `exit code ${r.code}`;
  throw new Error(`${python} ${args.join(' ')} failed (${why}):\n${r.stdout}\n${r.stderr}`);
}

function readSession(file: string): Session {
  return decodeSession(readFileSync(file, 'utf8'), file).session;
}

/** A trained session's engine: its training data and the weights it holds. */
function engineOf(file: string): Trainer {
  const session = readSession(file);
  const trainer = new Trainer(session.config, sessionRunData(session, file).prepared.train);
  trainer.setState(session.state!);
  return trainer;
}

/** An engine network on `rows` rows, in chunks of the batch it was built for (its output buffer is reused). */
function forwardAll(trainer: Trainer, net: 'encoder' | 'decoder', x: Float32Array, rows: number): Float32Array {
  const mlp = trainer.vae[net];
  const batch = trainer.vae.maxBatch;
  const inDim = x.length / rows;
  const parts: Float32Array[] = [];
  for (let r = 0; r < rows; r += batch) {
    const n = Math.min(batch, rows - r);
    parts.push(mlp.forward(x.slice(r * inDim, (r + n) * inDim), n).slice(0, n * mlp.outDim));
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** sha256 of the float32 bytes of every tensor by sorted name: what train.py prints per rank. */
function digestOf(file: string): string {
  const { tensors } = decodeSafetensors(readFileSync(file));
  const h = createHash('sha256');
  for (const t of [...tensors].sort((a, b) => (a.name < b.name ? -1 : 1)))
    h.update(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
  return h.digest('hex');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `python -m torch.distributed.run --nproc_per_node 2 train.py …` on a free port. A launch still
 * running after 180 s is killed with its ranks and tried once more on a new port (a rank once
 * hung in gloo's teardown after both had finished; train.py now leaves with os._exit, and the
 * second try stays as a guard, with the first try's output printed); a launch that fails is not retried.
 */
async function launchDdp(pt: string, out: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // --redirects 1 --tee 1: torch 1.13's launcher on Python 3.11 fails on its default "0" (see train.py).
    const args = [
      '-m',
      'torch.distributed.run',
      '--nproc_per_node',
      '2',
      '--master_addr',
      '127.0.0.1',
      '--master_port',
      String(port),
      '--redirects',
      '1',
      '--tee',
      '1',
      'train.py',
      '--epochs',
      '2',
      '--device',
      'cpu',
      '--out',
      out,
    ];
    const r = await runPython(python!, args, { cwd: pt, env: PY_ENV, timeoutMs: 180_000 });
    if (r.code === 0 && !r.timedOut) return r.stdout;
    const why = r.timedOut ? 'still running after 180 s, killed' : `exit code ${r.code}`;
    const report = `torch.distributed.run on port ${port} (attempt ${attempt}) failed (${why}):\n${r.stdout}\n${r.stderr}`;
    if (!r.timedOut || attempt === 2) throw new Error(report);
    console.warn(report);
  }
}

interface HistoryFile {
  startEpoch: number;
  world: number;
  history: { epoch: number; loss: number; klPerDim: number[] }[];
}

/** 240 rows of 6 binary columns (two bit patterns with noise) for the Bernoulli decoder, as a CSV file. */
function binaryCsv(): string {
  const file = join(dir, 'bits.csv');
  const rows = ['a,b,c,d,e,f'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let r = 0; r < 240; r++) {
    const base = r % 2 === 0 ? [1, 1, 1, 0, 0, 0] : [0, 0, 1, 1, 0, 1];
    rows.push(base.map((b) => (rand() < 0.1 ? 1 - b : b)).join(','));
  }
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const lecture = ['--preset', 'lecture', '--data', 'perClass=60'];
const cases = [
  { name: 'gaussian-tanh', flags: [...lecture, '--likelihood', 'gaussian', '--activation', 'tanh'] },
  {
    name: 'bernoulli-relu',
    flags: ['--dataset', 'csv', '--data', `path=${binaryCsv()}`, '--likelihood', 'bernoulli', '--activation', 'relu'],
  },
  { name: 'learned-leaky', flags: [...lecture, '--likelihood', 'gaussian-learned', '--activation', 'leaky-relu'] },
];
const sessionOf = (name: string) => join(dir, `${name}.vaelab`);
const exportOf = (name: string) => join(dir, `${name}-pt`);

describe.skipIf(python === null && !inCi)('the PyTorch export run by PyTorch', () => {
  beforeAll(async () => {
    if (python === null)
      throw new Error('CI needs a python3 that imports torch: .ci/run installs python3-torch with apt-get');
    for (const c of cases) {
      const t = await cli(
        'train',
        '--hidden',
        '16,8',
        '--batch-size',
        '64',
        ...c.flags,
        '--epochs',
        '2',
        '--out',
        sessionOf(c.name),
      );
      expect(t.err).toBe('');
      expect(t.code).toBe(0);
      const e = await cli('export', sessionOf(c.name), '--to', 'pytorch', '--out', exportOf(c.name));
      expect(e.code).toBe(0);
    }
  }, 300_000);

  it('model.py gives the engine’s encoder means, log-variances and decoder outputs on 200 examples (≤ 1e-5)', async () => {
    const engines = cases.map((c) => engineOf(sessionOf(c.name)));
    const zs: Float32Array[] = [];
    for (const [i, c] of cases.entries()) {
      const { vae, data } = engines[i];
      expect(data.n).toBeGreaterThanOrEqual(ROWS);
      const enc = forwardAll(engines[i], 'encoder', data.x.slice(0, ROWS * data.dim), ROWS);
      const k = vae.k;
      const mu = new Float32Array(ROWS * k);
      for (let r = 0; r < ROWS; r++) mu.set(enc.subarray(2 * r * k, 2 * r * k + k), r * k);
      zs.push(mu);
      writeFileSync(join(exportOf(c.name), 'z.json'), JSON.stringify({ z: Array.from(mu), k }));
    }
    // One Python process loads every export's model.py and runs it on data.npz's first rows.
    const script = `
import importlib.util, json, sys, torch
out = {}
for d in json.loads(sys.argv[1]):
    sys.path.insert(0, d)
    spec = importlib.util.spec_from_file_location("model_" + str(len(out)), d + "/model.py")
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    from data import load_data
    sys.modules.pop("data")
    export = m.load_export(d)
    vae = m.Vae(export); m.load_weights(vae, d + "/weights.safetensors"); vae.eval()
    x = load_data(export)[:${ROWS}]
    zj = json.load(open(d + "/z.json"))
    z = torch.tensor(zj["z"], dtype=torch.float32).reshape(-1, zj["k"])
    with torch.no_grad():
        mu, logvar = vae.encode(x)
        dec = vae.decode(z)
    out[d] = {"mu": mu.flatten().tolist(), "logvar": logvar.flatten().tolist(), "dec": dec.flatten().tolist()}
    sys.path.remove(d)
print(json.dumps(out))
`;
    const dirs = cases.map((c) => exportOf(c.name));
    const got = JSON.parse(await py(dir, '-c', script, JSON.stringify(dirs))) as Record<
      string,
      { mu: number[]; logvar: number[]; dec: number[] }
    >;
    for (const [i, c] of cases.entries()) {
      const { vae, data } = engines[i];
      const k = vae.k;
      const enc = forwardAll(engines[i], 'encoder', data.x.slice(0, ROWS * data.dim), ROWS);
      const mu = new Float32Array(ROWS * k);
      const logvar = new Float32Array(ROWS * k);
      for (let r = 0; r < ROWS; r++) {
        mu.set(enc.subarray(2 * r * k, 2 * r * k + k), r * k);
        logvar.set(enc.subarray(2 * r * k + k, 2 * r * k + 2 * k), r * k);
      }
      const dec = forwardAll(engines[i], 'decoder', zs[i], ROWS);
      const ours = got[exportOf(c.name)];
      // Each figure is a maximum absolute difference over 200 examples (the case is named on failure).
      expect(maxAbs(ours.mu, mu), `${c.name}: mu`).toBeLessThanOrEqual(1e-5);
      expect(maxAbs(ours.logvar, logvar), `${c.name}: logvar`).toBeLessThanOrEqual(1e-5);
      expect(ours.dec.length).toBe(ROWS * data.dim * (c.name === 'learned-leaky' ? 2 : 1));
      expect(ours.dec.length).toBe(dec.length);
      expect(maxAbs(ours.dec, dec), `${c.name}: decoder`).toBeLessThanOrEqual(1e-5);
    }
  }, 300_000);

  it('train.py for 3 epochs on CPU lowers the loss; vae-lab import merges its history and vae-lab eval reads it', async () => {
    const pt = exportOf('gaussian-tanh');
    const before = readSession(sessionOf('gaussian-tanh'));
    const printed = await py(pt, 'train.py', '--epochs', '3', '--device', 'cpu');
    expect(printed).toMatch(/rank 0 of 1 finished after 3 epochs/);
    const h = JSON.parse(readFileSync(join(pt, 'history.json'), 'utf8')) as HistoryFile;
    expect(h.startEpoch).toBe(2);
    expect(h.history.map((m) => m.epoch)).toEqual([3, 4, 5]);
    expect(h.history[2].loss).toBeLessThan(h.history[0].loss);

    const back = join(dir, 'trained.vaelab');
    const i = await cli('import', pt, '--out', back);
    expect(i.err).toBe('');
    expect(i.code).toBe(0);
    const imported = readSession(back);
    expect(imported.status.epoch).toBe(5);
    expect(imported.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(imported.history.slice(0, 2)).toEqual(before.history);
    expect(imported.history[4].loss).toBeCloseTo(h.history[2].loss, 10);
    expect(imported.history[4].klPerDim).toHaveLength(2);
    const trained = decodeSafetensors(readFileSync(join(pt, 'trained.safetensors'))).tensors;
    const w = imported.state!.weights;
    expect(Array.from(w[1])).toEqual(Array.from(trained.find((t) => t.name === 'encoder.layers.0.bias')!.values));
    expect(imported.notes).toContain('epochs 3–5 trained with PyTorch on 1 process(es)');

    const ev = await cli('eval', back);
    expect(ev.err).toBe('');
    expect(ev.code).toBe(0);
    expect(ev.out).toMatch(/-ELBO \d/);
    // The model trained further in PyTorch fits better than the exported one.
    const evBefore = await cli('eval', sessionOf('gaussian-tanh'));
    const elbo = (text: string) => Number(/-ELBO ([\d.]+)/.exec(text)![1]);
    expect(elbo(ev.out)).toBeLessThan(elbo(evBefore.out));
  }, 300_000);

  it('torch.distributed.run --nproc_per_node 2 (gloo): both ranks finish with the same weights', async () => {
    const pt = exportOf('bernoulli-relu');
    const out = join(dir, 'ddp');
    const printed = await launchDdp(pt, out);
    const ranks = [...printed.matchAll(/rank (\d) of 2 finished after 2 epochs: weights sha256 ([0-9a-f]{64})/g)];
    expect(ranks.map((m) => m[1]).sort()).toEqual(['0', '1']);
    expect(ranks[0][2]).toBe(ranks[1][2]);
    expect(digestOf(join(out, 'trained.safetensors'))).toBe(ranks[0][2]);
    const h = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as HistoryFile;
    expect(h.world).toBe(2);
    expect(h.history.map((m) => m.epoch)).toEqual([3, 4]);
    // The weights moved: DDP trained them, it did not just copy them.
    expect(digestOf(join(out, 'trained.safetensors'))).not.toBe(digestOf(join(pt, 'weights.safetensors')));
  }, 420_000);

  it('export → train.py for 0 epochs → import gives back the session’s weights bit for bit', async () => {
    const pt = join(dir, 'zero');
    mkdirSync(pt);
    expect((await cli('export', sessionOf('learned-leaky'), '--to', 'pytorch', '--out', pt)).code).toBe(0);
    await py(pt, 'train.py', '--epochs', '0', '--device', 'cpu');
    const back = join(dir, 'zero.vaelab');
    const i = await cli('import', pt, '--out', back);
    expect(i.err).toBe('');
    expect(i.code).toBe(0);
    const a = readSession(sessionOf('learned-leaky'));
    const b = readSession(back);
    expect(b.status.epoch).toBe(a.status.epoch);
    expect(b.history).toEqual(a.history);
    const wa = a.state!.weights;
    const wb = b.state!.weights;
    expect(wb.length).toBe(wa.length);
    for (let k = 0; k < wa.length; k++) expect(new Uint8Array(wb[k].buffer)).toEqual(new Uint8Array(wa[k].buffer));
  }, 300_000);
});
