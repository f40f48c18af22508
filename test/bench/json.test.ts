import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args';
import { buildReport, formatReport, type BenchReport } from '../../bench/report';

const MACHINE = { cpu: 'Test CPU', cores: 2, node: 'v20.0.0', platform: 'linux-x64' };

function fakeReport(): BenchReport {
  return buildReport(
    {
      lecture: {
        'vae-lab': { msPerEpoch: 5, epochs: 30, finalLoss: 2, firstLoss: 50 },
        'tfjs-wasm': { msPerEpoch: 50, epochs: 30, finalLoss: 2.1 },
        'tfjs-cpu': { msPerEpoch: 150, epochs: 30, finalLoss: 2.1 },
      },
      mnist: {
        'vae-lab': { error: 'vae-lab engine not wired yet' },
        'tfjs-wasm': { msPerEpoch: 9000, epochs: 2, finalLoss: 190 },
      },
    },
    MACHINE,
    1234,
  );
}

describe('bench report', () => {
  it('has the workloads / ratios / machine shape and survives a JSON round trip', () => {
    const parsed = JSON.parse(JSON.stringify(fakeReport()));
    expect(Object.keys(parsed).sort()).toEqual(['machine', 'ratios', 'wallMs', 'workloads']);
    expect(parsed.workloads.lecture['tfjs-wasm']).toEqual({ msPerEpoch: 50, epochs: 30, finalLoss: 2.1 });
    expect(parsed.workloads.mnist['vae-lab']).toEqual({ error: 'vae-lab engine not wired yet' });
    expect(parsed.machine).toEqual(MACHINE);
  });

  it('gives tfjs ms ÷ our ms as the speed-up, null where our engine did not run', () => {
    const { ratios } = fakeReport();
    expect(ratios.lecture).toEqual({ 'tfjs-wasm': 10, 'tfjs-cpu': 30 });
    expect(ratios.mnist).toEqual({ 'tfjs-wasm': null });
  });

  it('prints n/a with the reason for an engine that failed', () => {
    const text = formatReport(fakeReport());
    expect(text).toContain('vae-lab         n/a (vae-lab engine not wired yet)');
    expect(text).toContain('speed-up vs tfjs-wasm: 10.00×');
    expect(text).toContain('loss 50.000 → 2.000');
  });

  it('prints the sweep workload times and speed-up', () => {
    const sweep = { runs: 6, jobs: 2, epochsPerRun: 800, sequentialMs: 30_000, parallelMs: 16_000, speedUp: 1.875 };
    const text = formatReport({ ...fakeReport(), sweep });
    expect(text).toContain('sweep (6 lecture runs × 800 epochs):');
    expect(text).toMatch(/one after another +30\.0 s/);
    expect(text).toContain('speed-up: 1.88×');
  });
});

describe('bench arguments', () => {
  it('reads --json, --only, --engines and --epochs', () => {
    expect(parseArgs(['--json', '--only', 'mnist', '--engines', 'tfjs-wasm,vae-lab', '--epochs', '3'])).toEqual({
      json: true,
      profile: false,
      threads: [1],
      workloads: ['mnist'],
      engines: ['tfjs-wasm', 'vae-lab'],
      epochs: 3,
      sweep: false,
    });
    expect(parseArgs(['--only', 'sweep'])).toMatchObject({ workloads: [], sweep: true });
    expect(parseArgs([])).toEqual({
      json: false,
      profile: false,
      threads: [1],
      workloads: ['lecture', 'mnist'],
      engines: ['vae-lab', 'tfjs-wasm', 'tfjs-wasm-tuned', 'tfjs-cpu'],
      sweep: true,
    });
  });

  it('reads --threads as a list', () => {
    expect(parseArgs(['--threads', '1,2']).threads).toEqual([1, 2]);
    expect(() => parseArgs(['--threads', '0,2'])).toThrow(/--threads needs/);
  });

  it('reads --profile', () => {
    expect(parseArgs(['--profile', '--only', 'lecture'])).toMatchObject({ profile: true, workloads: ['lecture'] });
  });

  it('rejects unknown engines and options', () => {
    expect(() => parseArgs(['--engines', 'tfjs-node'])).toThrow(/tfjs-node is not one of/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--epochs', '0'])).toThrow(/positive/);
  });
});
