import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { decodeSession } from '../../src/shared/session-codec';
import { decodeSweep, encodeSweep } from '../../src/shared/sweep-file';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, text: out.join('\n'), errText: err.join('\n') };
}

const dir = () => mkdtempSync(join(tmpdir(), 'vae-lab-sweep-'));
const readSession = (f: string) => decodeSession(readFileSync(f, 'utf8'), f).session;
const TOY = ['--data', 'perClass=60', '--epochs', '3', '--batch-size', '64'];

describe('vae-lab sweep', () => {
  it('prints a table with ± one standard error and −log p(x)', { timeout: 240_000 }, async () => {
    const out = dir();
    const r = await run('sweep', '--param', 'beta', '--values', '0.5,2', '--jobs', '2', '--out', out, ...TOY);
    expect(r.code).toBe(0);
    const [head, ...rows] = r.out.slice(r.out.findIndex((l) => /^run\s+values/.test(l)));
    expect(head).toMatch(/^run\s+values\s+status\s+-ELBO\s+recon\s+KL\s+active\s+I\(x;z\)\s+-log p\(x\)$/);
    const sweep = decodeSweep(readFileSync(join(out, 'sweep.vaelab-sweep'), 'utf8'), 'sweep.vaelab-sweep');
    for (const [i, run] of sweep.runs.entries()) {
      const d = run.diagnostics!;
      const f = (x: number) => x.toFixed(4);
      expect(rows[i]).toContain(`${f(d.negElbo)} ± ${f(d.se!.negElbo)}`);
      expect(rows[i]).toContain(`${f(d.mutualInfo)} ± ${f(d.se!.mutualInfo)}`);
      // Latent size 2 on every example: exact, with no ±.
      expect(rows[i]).toMatch(new RegExp(`${f(d.likelihood!.negLogPx)} exact$`));
    }
    expect(rows[2]).toMatch(/± is one standard error/);
  });

  it('a 2×2 grid gives one session per run, bit-identical to plain train runs', { timeout: 240_000 }, async () => {
    const out = dir();
    const r = await run(
      'sweep',
      '--param',
      'beta',
      '--values',
      '0.1,1',
      '--param2',
      'sigma2',
      '--values2',
      '0.03,0.1',
      '--jobs',
      '2',
      '--out',
      out,
      '--log',
      'jsonl',
      ...TOY,
    );
    expect(r.errText).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'run')).toHaveLength(4);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', runs: 4, done: 4, failed: 0 });
    const grid = [
      ['0.1', '0.03'],
      ['0.1', '0.1'],
      ['1', '0.03'],
      ['1', '0.1'],
    ];
    for (const [i, [beta, sigma2]] of grid.entries()) {
      const alone = join(out, `alone-${i}.vaelab`);
      const t = await run('train', ...TOY, '--beta', beta, '--sigma2', sigma2, '--out', alone, '--log', 'jsonl');
      expect(t.code).toBe(0);
      const a = readSession(alone);
      const s = readSession(join(out, `run-0${i + 1}.vaelab`));
      expect(s.config.train.beta).toBe(Number(beta));
      expect(s.config.train.sigma2).toBe(Number(sigma2));
      expect(s.history.map(({ ms: _, ...m }) => m)).toEqual(a.history.map(({ ms: _, ...m }) => m));
      expect(s.state!.weights).toEqual(a.state!.weights);
    }
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(
      /^run,beta,sigma2,status,neg_elbo,recon,kl,active_units,kl_dim1,kl_dim2,mutual_info,rate,distortion/,
    );
    expect(csv).toHaveLength(5);
    expect(csv[3]).toMatch(/^3,1,0\.03,done,/);
    const sweep = decodeSweep(readFileSync(join(out, 'sweep.vaelab-sweep'), 'utf8'), 'sweep.vaelab-sweep');
    expect(sweep.definition).toEqual({ param: 'beta', values: [0.1, 1], param2: 'sigma2', values2: [0.03, 0.1] });
    expect(sweep.runs.map((x) => x.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(sweep.runs[2].session!.state!.weights).toEqual(readSession(join(out, 'run-03.vaelab')).state!.weights);
    expect(sweep.runs[2].diagnostics!.klPerDim).toHaveLength(2);
    // Latent size 2: −log p(x) by quadrature, and I(x;z) with its standard error.
    expect(sweep.runs[2].diagnostics!.likelihood).toMatchObject({ method: 'exact', k: null });
    expect(sweep.runs[2].diagnostics!.likelihood!.negLogPx).toBeLessThanOrEqual(sweep.runs[2].diagnostics!.negElbo);
    expect(sweep.runs[2].diagnostics!.se!.mutualInfo).toBeGreaterThan(0);
    expect(csv[0]).toMatch(/,mutual_info_se,neg_log_px,neg_log_px_se,neg_log_px_method,file,message$/);
    expect(csv[3]).toMatch(/,exact,run-03\.vaelab,$/);
    // Round trip: encoding the decoded file and decoding it again gives the same sweep.
    expect(decodeSweep(encodeSweep(sweep), 'again')).toEqual(sweep);
  });

  it('a run made to diverge is marked and the others finish', { timeout: 240_000 }, async () => {
    const out = dir();
    const r = await run(
      'sweep',
      '--param',
      'lr',
      '--values',
      '0.003,10',
      '--jobs',
      '2',
      '--out',
      out,
      '--no-progress',
      ...TOY,
      '--clip',
      '0',
    );
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/run 2 \(lr=10\): diverged/);
    expect(r.text).toMatch(/^1 +lr=0\.003 +done/m);
    expect(r.text).toMatch(/1 of 2 runs done/);
    const sweep = decodeSweep(readFileSync(join(out, 'sweep.vaelab-sweep'), 'utf8'), 'x');
    expect(sweep.runs.map((x) => x.status)).toEqual(['done', 'diverged']);
    expect(sweep.runs[1].session!.status.divergence).not.toBeNull();
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toMatch(/\n2,10,diverged,/);
  });

  it('refuses a damaged sweep file, naming the field', { timeout: 120_000 }, async () => {
    const out = dir();
    expect((await run('sweep', '--param', 'latent', '--values', '1', '--out', out, '--no-progress', ...TOY)).code).toBe(
      0,
    );
    const file = join(out, 'sweep.vaelab-sweep');
    const good = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    /** The file with the value at a dotted path (`runs.0.status`) replaced. */
    const damaged = (path: string, value: unknown) => {
      const o = structuredClone(good);
      const keys = path.split('.');
      const last = keys.pop()!;
      const parent = keys.reduce((x, k) => (x as Record<string, unknown>)[k], o) as Record<string, unknown>;
      parent[last] = value;
      return () => decodeSweep(JSON.stringify(o), 'bad.vaelab-sweep');
    };
    expect(damaged('version', 9)).toThrow(/bad\.vaelab-sweep: version: 9 was written by a newer VAE Lab/);
    expect(damaged('definition.values', [0])).toThrow(/definition\.values: every value of --latent must be from 1/);
    expect(damaged('runs.0.status', 'fine')).toThrow(/runs\[0\]\.status: expected one of done, diverged, failed/);
    expect(damaged('runs.0.diagnostics.activeUnits', 'x')).toThrow(/runs\[0\]\.diagnostics\.activeUnits/);
    expect(damaged('runs.0.session.config.train.beta', 'x')).toThrow(/runs\[0\]\.session: config\.train\.beta/);
    expect(() => decodeSweep(readFileSync(file, 'utf8').slice(0, 100), 'cut')).toThrow(/cut: not a sweep file/);
  });

  it('refuses bad flags before training, naming the flag and value', async () => {
    const out = dir();
    const cases: [string[], RegExp][] = [
      [['--param', 'colour', '--values', '1', '--out', out], /--param colour: not a setting a sweep can vary/],
      [['--param', 'beta', '--values', '0.1,abc', '--out', out], /--values 0\.1,abc: .*abc/],
      [['--param', 'latent', '--values', '1.5', '--out', out], /--values 1\.5: /],
      [['--param', 'latent', '--out', out], /--values is required for --latent/],
      [['--param', 'beta', '--values', '1,1', '--out', out], /--values: a value of --beta is given twice/],
      [['--param', 'beta', '--values', '0.01..16:100', '--out', out], /--values 0\.01\.\.16:100/],
      [
        ['--param', 'beta', '--values', '0.1', '--param2', 'beta', '--values2', '1', '--out', out],
        /--param2: --beta is already/,
      ],
      [['--param', 'beta', '--out', join(out, 'missing')], /--out .*missing: no such folder/],
      [['--param', 'beta', '--values', '1'], /--out DIR is required/],
      [['--param', 'beta', '--values', '1', '--out', out, '--beta', '2'], /--beta is swept/],
      [['--param', 'beta', '--values', '1', '--out', out, '--jobs', '0'], /--jobs/],
      [['--param', 'beta', '--values', '1', '--out', out, '--epochs', '-3'], /--epochs/],
      [
        ['--param', 'seed', '--values', '1,2', '--seeds', '3', '--out', out],
        /--seeds: the seed is already a swept setting/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await run('sweep', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.errText).toMatch(message);
    }
  });

  it('--help documents the command', async () => {
    const r = await run('sweep', '--help');
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/--param FLAG/);
    expect(r.text).toMatch(/A\.\.B:N/);
  });
});
