import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { makeDataset } from '../../src/engine/datasets';
import { Trainer } from '../../src/engine/trainer';
import { PRESETS, cloneConfig } from '../../src/shared/config';
import { describeKernels, type GemmKind } from '../../src/shared/kernels';
import { type Session } from '../../src/shared/session';
import { decodeSession, encodeSession } from '../../src/shared/session-codec';

const dir = mkdtempSync(join(tmpdir(), 'vae-cli-kernels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, text: out.join('\n'), errText: err.join('\n') };
}

const load = (file: string): Session => decodeSession(readFileSync(file, 'utf8'), file).session;
const SMALL = ['--data', 'classes=5,perClass=100', '--no-progress', '--threads', '1'];

/** What this host runs a lecture-sized model on (relaxed SIMD where it validates, else exact, else JavaScript). */
function hostKernels() {
  const config = cloneConfig(PRESETS.lecture);
  return new Trainer(config, makeDataset(config.dataset)).kernels;
}

describe('the session records which kernels trained it', () => {
  it('train says its kernels, and the saved file holds them', async () => {
    const r = await run('train', ...SMALL, '--epochs', '2', '--out', at('k.vaelab'));
    expect(r.code, r.errText).toBe(0);
    const here = hostKernels();
    expect(r.out).toContain(`Kernels: ${describeKernels(here)}`);
    expect(r.text).toMatch(/^Kernels: (relaxed-SIMD FMA|exact SIMD|JavaScript \(no WebAssembly SIMD\)), 1 thread$/m);
    expect(load(at('k.vaelab')).state!.kernels).toEqual({ gemm: here.gemm, threads: 1 });
    const e = await run('eval', at('k.vaelab'));
    expect(e.code).toBe(0);
    expect(e.out.at(-1)).toBe(
      `Kernels: trained with ${describeKernels(here)}; evaluated with ${describeKernels(here)}`,
    );
  });

  it('resuming a session trained on another kernel says so and trains on', async () => {
    await run('train', ...SMALL, '--epochs', '2', '--out', at('other.vaelab'));
    const session = load(at('other.vaelab'));
    const here = hostKernels().gemm;
    const other: GemmKind = here === 'exact' ? 'relaxed' : 'exact';
    session.state!.kernels = { gemm: other, threads: 2 };
    writeFileSync(at('other.vaelab'), encodeSession(session));
    const r = await run('train', '--resume', at('other.vaelab'), '--epochs', '3', '--no-progress', '--threads', '1');
    expect(r.code, r.errText).toBe(0);
    const words = { relaxed: 'relaxed-SIMD FMA', exact: 'exact SIMD', js: 'JavaScript (no WebAssembly SIMD)' };
    expect(r.text).toContain(
      `This session was trained with the ${words[other]} kernel and continues with ${words[here]} here`,
    );
    const after = load(at('other.vaelab'));
    expect(after.status.epoch).toBe(3);
    expect(after.state!.kernels).toEqual({ gemm: here, threads: 1 });
  });

  it('a file from before the record opens, resumes without a notice and is recorded from then on', async () => {
    await run('train', ...SMALL, '--epochs', '1', '--out', at('old.vaelab'));
    const raw = JSON.parse(readFileSync(at('old.vaelab'), 'utf8')) as { state: Record<string, unknown> };
    delete raw.state.kernels;
    writeFileSync(at('old.vaelab'), JSON.stringify(raw));
    expect(load(at('old.vaelab')).state!.kernels).toBeUndefined();
    const e = await run('eval', at('old.vaelab'));
    expect(e.code).toBe(0);
    expect(e.out.at(-1)).toMatch(/^Kernels: trained with kernels not recorded \(a file from before the record\); /);
    const r = await run('train', '--resume', at('old.vaelab'), '--epochs', '2', '--no-progress', '--threads', '1');
    expect(r.code, r.errText).toBe(0);
    expect(r.text).not.toContain('This session was trained with');
    expect(load(at('old.vaelab')).state!.kernels).toEqual({ gemm: hostKernels().gemm, threads: 1 });
  });

  it('a bad kernel record is refused with the field named', async () => {
    await run('train', ...SMALL, '--epochs', '1', '--out', at('bad.vaelab'));
    const raw = JSON.parse(readFileSync(at('bad.vaelab'), 'utf8')) as { state: { kernels: { gemm: string } } };
    raw.state.kernels.gemm = 'gpu';
    writeFileSync(at('bad.vaelab'), JSON.stringify(raw));
    expect(() => load(at('bad.vaelab'))).toThrow(/state\.kernels\.gemm/);
  });

  it('the CLI as a process trains on relaxed SIMD (turned on at start), or on exact SIMD with --kernel exact', () => {
    const cli = (...argv: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...argv], {
        cwd: resolve(__dirname, '../..'),
        encoding: 'utf8',
      });
    const auto = cli('train', ...SMALL, '--epochs', '1', '--out', at('auto.vaelab'));
    expect(auto).toMatch(/^Kernels: relaxed-SIMD FMA, 1 thread$/m);
    expect(load(at('auto.vaelab')).state!.kernels).toEqual({ gemm: 'relaxed', threads: 1 });
    const exact = cli('train', ...SMALL, '--epochs', '1', '--kernel', 'exact', '--out', at('exact.vaelab'));
    expect(exact).toMatch(/^Kernels: exact SIMD, 1 thread$/m);
    expect(load(at('exact.vaelab')).state!.kernels).toEqual({ gemm: 'exact', threads: 1 });
    // the two kernels give other last bits
    expect(load(at('exact.vaelab')).state!.weights).not.toEqual(load(at('auto.vaelab')).state!.weights);
  }, 120_000);

  it('--kernel exact in process trains on exact SIMD, and a run after it without the flag is back on auto', async () => {
    const exact = await run('train', ...SMALL, '--epochs', '1', '--kernel', 'exact');
    expect(exact.code, exact.errText).toBe(0);
    expect(exact.text).toMatch(/^Kernels: exact SIMD, 1 thread$/m);
    const auto = await run('train', ...SMALL, '--epochs', '1');
    expect(auto.out).toContain(`Kernels: ${describeKernels(hostKernels())}`);
    const bad = await run('train', ...SMALL, '--kernel', 'fast');
    expect(bad.code).toBe(2);
  });
});
