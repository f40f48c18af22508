import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../src/shared/protocol';
import { decodeSweep, encodeSweep, runDiagnostics, type SweepFile } from '../../src/shared/sweep-file';
import { lectureSession } from '../support/session-fixtures';

function diagnostics(over: Partial<Diagnostics>): Diagnostics {
  return {
    examples: 10,
    negElbo: 3.25,
    recon: 1.5,
    reconConstant: 0.5,
    kl: 1.25,
    klPerDim: [1, 0.25],
    muVariance: [1, 0.1],
    activeUnits: 2,
    mutualInfo: 0.875,
    rate: 1.25,
    distortion: 2,
    iwae: null,
    se: { negElbo: 0.004, recon: 0.004, mutualInfo: 0.0123 },
    reconSamples: 8,
    exact: null,
    ...over,
  };
}

const EXACT = { grid: 64, examples: 10, negLogPx: 3.125, negElbo: 3.25, gap: 0.125, se: { negLogPx: 0, gap: 0 } };

function sweepFile(): SweepFile {
  const session = lectureSession();
  return {
    appVersion: '0.1.0',
    createdAt: '2026-12-03T10:00:00.000Z',
    definition: { param: 'beta', values: [0.1, 1, 10] },
    runs: [
      {
        index: 0,
        values: { beta: 0.1 },
        status: 'done',
        message: null,
        file: 'run-01.vaelab',
        diagnostics: runDiagnostics(diagnostics({ exact: EXACT })),
        session,
      },
      {
        index: 1,
        values: { beta: 1 },
        status: 'done',
        message: null,
        file: 'run-02.vaelab',
        diagnostics: runDiagnostics(diagnostics({ iwae: { k: 50, negBound: 3.2, se: 0.01 } })),
        session,
      },
      {
        index: 2,
        values: { beta: 10 },
        status: 'failed',
        message: 'its engine stopped (exit code 9)',
        file: 'run-03.vaelab',
        diagnostics: null,
        session: null,
      },
    ],
  };
}

describe('the .vaelab-sweep file', () => {
  it('keeps I(x;z) with its standard error and −log p(x), exact or −L_k, through a round trip', () => {
    const file = sweepFile();
    const back = decodeSweep(encodeSweep(file), 'a.vaelab-sweep');
    expect(back.runs[0].diagnostics!.se).toEqual({ negElbo: 0.004, recon: 0.004, mutualInfo: 0.0123 });
    expect(back.runs[0].diagnostics!.likelihood).toEqual({ method: 'exact', negLogPx: 3.125, se: 0, k: null });
    expect(back.runs[1].diagnostics!.likelihood).toEqual({ method: 'iwae', negLogPx: 3.2, se: 0.01, k: 50 });
    expect(back.runs[2]).toEqual(file.runs[2]);
    expect(back.runs[0].session!.state!.weights).toEqual(file.runs[0].session!.state!.weights);
    // Encoding what was read gives the same text: the file reopens exactly.
    expect(encodeSweep(back)).toBe(encodeSweep(file));
  });

  it('the exact figure wins over −L_k when the engine gave both', () => {
    const d = runDiagnostics(diagnostics({ exact: EXACT, iwae: { k: 50, negBound: 3.2, se: 0.01 } }));
    expect(d.likelihood).toMatchObject({ method: 'exact', negLogPx: 3.125 });
    expect(runDiagnostics(diagnostics({})).likelihood).toBeNull();
  });

  it('a file written before standard errors were kept opens with them absent', () => {
    const o = JSON.parse(encodeSweep(sweepFile())) as { runs: { diagnostics: Record<string, unknown> | null }[] };
    delete o.runs[0].diagnostics!.se;
    delete o.runs[0].diagnostics!.likelihood;
    const back = decodeSweep(JSON.stringify(o), 'old.vaelab-sweep');
    expect(back.runs[0].diagnostics).toMatchObject({ mutualInfo: 0.875, se: null, likelihood: null });
  });

  it('refuses a bad standard error or −log p(x), naming the field', () => {
    const bad = (edit: (d: Record<string, Record<string, unknown>>) => void) => {
      const o = JSON.parse(encodeSweep(sweepFile())) as {
        runs: { diagnostics: Record<string, Record<string, unknown>> }[];
      };
      edit(o.runs[1].diagnostics);
      return () => decodeSweep(JSON.stringify(o), 'bad.vaelab-sweep');
    };
    expect(bad((d) => (d.se.mutualInfo = -1))).toThrow(
      /bad\.vaelab-sweep: runs\[1\]\.diagnostics\.se\.mutualInfo: expected a standard error/,
    );
    expect(bad((d) => (d.likelihood.method = 'guess'))).toThrow(/runs\[1\]\.diagnostics\.likelihood\.method/);
    expect(bad((d) => (d.likelihood.k = null))).toThrow(/runs\[1\]\.diagnostics\.likelihood\.k: .*needs its k/);
    expect(bad((d) => (d.likelihood.negLogPx = 'x'))).toThrow(/runs\[1\]\.diagnostics\.likelihood\.negLogPx/);
  });
});
