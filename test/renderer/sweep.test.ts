import { describe, expect, it } from 'vitest';
import { PRESETS, cloneConfig } from '../../src/shared/config';
import type { Diagnostics, TrainerState } from '../../src/shared/protocol';
import { Sweep } from '../../src/renderer/src/state/sweep.svelte';
import { formDefinition, runConfig } from '../../src/renderer/src/state/sweep-plan';
import { frontier } from '../../src/renderer/src/views/sweep/sweep-points';
import { collapseColumns, lawCurve } from '../../src/renderer/src/views/sweep/collapse-series';
import { metricCell, sortRuns } from '../../src/renderer/src/views/sweep/sweep-table';
import { runDiagnostics } from '../../src/shared/sweep-file';
import { sweepIwaeK } from '../../src/renderer/src/state/sweep-run';
import { FakeHost } from '../support/fake-host';

const flush = () => new Promise((r) => setTimeout(r, 0));

function diagnostics(kl: number): Diagnostics {
  return {
    examples: 10,
    negElbo: 5 + kl,
    recon: 4,
    reconConstant: 1,
    kl,
    klPerDim: [kl, 0],
    muVariance: [1, 0],
    activeUnits: kl > 0 ? 1 : 0,
    mutualInfo: kl / 2,
    rate: kl,
    distortion: 5,
    iwae: null,
    se: { negElbo: 0, recon: 0, mutualInfo: 0 },
    reconSamples: 1,
    exact: null,
  };
}

const STATE = { epoch: 3 } as unknown as TrainerState;

/** The engine of one run: runs, finishes, answers evaluate and getCheckpoint. */
function trainToEnd(host: FakeHost, kl: number): void {
  const config = (host.sent[0] as { config: typeof PRESETS.lecture }).config;
  host.emit({ type: 'status', state: 'running', epoch: 0, epochs: 3, live: null });
  host.emit({ type: 'status', state: 'done', epoch: 3, epochs: 3, live: null });
  host.emit({ type: 'diagnostics', epoch: 3, split: 'train', diagnostics: diagnostics(kl) });
  host.emit({ type: 'checkpoint', config, state: STATE, history: [] });
}

describe('Sweep in the app', () => {
  it('runs jobs at a time; a run whose engine stops is marked failed and the others finish', async () => {
    const hosts: FakeHost[] = [];
    const sweep = new Sweep(() => {
      const h = new FakeHost();
      hosts.push(h);
      return h;
    });
    const def = formDefinition({ param: 'beta', values: '0.1,1,10', param2: null, values2: '', seeds: '' });
    sweep.start(def, cloneConfig(PRESETS.lecture), {}, 2);
    await flush();
    expect(hosts).toHaveLength(2);
    for (const h of hosts) h.engineStarts();
    expect(hosts[0].types()).toEqual(['configure', 'setLive', 'start']);
    expect((hosts[1].sent[0] as { config: typeof PRESETS.lecture }).config.train.beta).toBe(1);
    hosts[1].engineStops({ reason: 'exit code 9', restartInMs: null });
    expect(hosts[1].connected).toBe(false);
    expect(sweep.runs[1].phase).toBe('failed');
    expect(sweep.runs[1].message).toMatch(/exit code 9/);
    await flush();
    expect(hosts).toHaveLength(3); // the freed engine slot takes the third run
    hosts[2].engineStarts();
    trainToEnd(hosts[0], 2);
    trainToEnd(hosts[2], 0);
    expect(sweep.runs.map((r) => r.message)).toEqual([null, 'its engine stopped (exit code 9)', null]);
    expect(sweep.runs.map((r) => r.phase)).toEqual(['done', 'failed', 'done']);
    expect(sweep.runs[0].figures).toMatchObject({ kl: 2, activeUnits: 1, likelihood: null });
    expect(sweep.running).toBe(false);
  });

  it('pause holds the queue and cancel marks the unfinished runs', async () => {
    const hosts: FakeHost[] = [];
    const sweep = new Sweep(() => {
      const h = new FakeHost();
      hosts.push(h);
      return h;
    });
    sweep.start(
      formDefinition({ param: 'lr', values: '0.001,0.01', param2: null, values2: '', seeds: '' }),
      cloneConfig(PRESETS.lecture),
      {},
      1,
    );
    await flush();
    hosts[0].engineStarts();
    sweep.pause();
    expect(hosts[0].types()).toContain('pause');
    sweep.cancel();
    expect(sweep.runs.map((r) => r.phase)).toEqual(['cancelled', 'cancelled']);
    expect(hosts[0].connected).toBe(false);
  });
});

describe('sweep plans and figures', () => {
  it('reads lists and log ranges and names a bad value', () => {
    expect(
      formDefinition({ param: 'beta', values: '0.01..16:6', param2: 'sigma2', values2: '0.1, 1', seeds: '1,2' }),
    ).toMatchObject({ values: [0.01, 0.0437345, 0.19127, 0.836512, 3.65844, 16], values2: [0.1, 1], seeds: [1, 2] });
    expect(() => formDefinition({ param: 'beta', values: '0.1,x', param2: null, values2: '', seeds: '' })).toThrow(
      /“x” is not a number/,
    );
    expect(() => formDefinition({ param: 'latent', values: '1,1', param2: null, values2: '', seeds: '' })).toThrow(
      /given twice/,
    );
    expect(() =>
      formDefinition({ param: 'beta', values: '0.01..16:8', param2: 'sigma2', values2: '0.01..1:9', seeds: '' }),
    ).toThrow(/72 runs; a sweep has at most 64/);
    expect(runConfig(PRESETS.lecture, { beta: 4, latent: 3, seed: 7 }).train).toMatchObject({ beta: 4, seed: 7 });
    expect(runConfig(PRESETS.lecture, { latent: 3 }).model.latent).toBe(3);
  });

  it('the frontier keeps the points no other beats in both rate and distortion', () => {
    const p = (rate: number, distortion: number) => ({ epoch: 1, rate, distortion });
    expect(frontier([p(3, 1), p(1, 3), p(2, 2.5), p(2.5, 2.8), p(0.5, 5)])).toEqual([
      p(0.5, 5),
      p(1, 3),
      p(2, 2.5),
      p(3, 1),
    ]);
  });

  it('collapse columns sort KL per dimension and spread over seeds; the law collapses at βσ² = λᵢ', () => {
    const cols = collapseColumns([
      { value: 1, klPerDim: [0.2, 1], activeUnits: 2 },
      { value: 1, klPerDim: [0.4, 1.2], activeUnits: 1 },
      { value: 0.1, klPerDim: [2, 2], activeUnits: 2 },
    ]);
    expect(cols.map((c) => c.value)).toEqual([0.1, 1]);
    expect(cols[1].kl[0]).toEqual({ mean: 1.1, min: 1, max: 1.2 });
    expect(cols[1].active).toEqual({ mean: 1.5, min: 1, max: 2 });
    const law = lawCurve('beta', 0.01, 100, [2, 0.5], 2, 1, 0.1)!;
    expect(law.collapseAt).toEqual([20, 5]);
    // ½ ln(λ/βσ²) at the start, and nothing active past the larger collapse point.
    expect(law.kl[0][0]).toBeCloseTo(0.5 * Math.log(2 / 0.001), 12);
    expect(law.active.at(-1)).toBe(0);
    expect(lawCurve('lr', 0.001, 0.1, [1], 1, 1, 1)).toBeNull();
  });

  it('sorts runs by a metric with runs lacking it last', () => {
    const run = (index: number, negElbo: number | null) => ({
      index,
      values: {},
      phase: 'done' as const,
      epoch: 1,
      message: null,
      figures: negElbo === null ? null : { ...runDiagnostics(diagnostics(0)), negElbo },
    });
    const runs = [run(0, 3), run(1, null), run(2, 1)];
    expect(sortRuns(runs, 'negElbo', true).map((r) => r.index)).toEqual([2, 0, 1]);
    expect(sortRuns(runs, 'negElbo', false).map((r) => r.index)).toEqual([0, 2, 1]);
  });

  it('the table shows I(x;z) ± its se, and −log p(x) exact for small latents or as −L_k', () => {
    const exact = { grid: 64, examples: 10, negLogPx: 4.5, negElbo: 5, gap: 0.5, se: { negLogPx: 0, gap: 0 } };
    const small = runDiagnostics({ ...diagnostics(2), se: { negElbo: 0.01, recon: 0.01, mutualInfo: 0.02 }, exact });
    expect(metricCell(small, 'mutualInfo')).toEqual({ value: 1, se: 0.02, method: null });
    expect(metricCell(small, 'negLogPx')).toEqual({ value: 4.5, se: null, method: 'exact' });
    const big = runDiagnostics({ ...diagnostics(2), iwae: { k: 50, negBound: 4.75, se: 0.03 } });
    expect(metricCell(big, 'negLogPx')).toEqual({ value: 4.75, se: 0.03, method: '−L_50' });
    expect(metricCell(runDiagnostics(diagnostics(2)), 'negLogPx')).toBeNull();
    // The engine is asked for −L_k only where there is no quadrature, and not on MNIST-sized data.
    expect(sweepIwaeK(2, { n: 500, dim: 2 })).toBe(0);
    expect(sweepIwaeK(3, { n: 500, dim: 2 })).toBe(50);
    expect(sweepIwaeK(8, { n: 60_000, dim: 784 })).toBe(0);
  });
});
