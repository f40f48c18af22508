import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET, LIMITS } from '../../src/shared/config';
import { command, event, PROTOCOL_VERSION, type Snapshot } from '../../src/shared/protocol';
import { parseCommand, parseEvent } from '../../src/shared/protocol-validate';

const V = PROTOCOL_VERSION;

function snapshotOf(change: Partial<Snapshot> = {}): Snapshot {
  const f = (n: number) => new Float32Array(n);
  return {
    epoch: 3,
    latent: 2,
    dim: 2,
    means: f(20),
    rows: 10,
    totalRows: 10,
    subset: false,
    prior: { count: 4, z: f(8), mean: f(8), sample: f(8) },
    grid: { size: 3, axis: f(3), mean: f(18) },
    manifold: { lines: 2, points: 3, mean: f(24) },
    recon: { indices: new Uint32Array(2), x: f(4), mean: f(4) },
    ms: 1.5,
    ...change,
  };
}

function errorOf(input: unknown): string {
  const r = parseCommand(input);
  if (r.ok) throw new Error('expected a validation error');
  return r.error;
}

describe('parseCommand', () => {
  it('accepts every command type in its valid form', () => {
    const valid = [
      command({ type: 'configure', config: cloneConfig(LECTURE_PRESET) }),
      command({
        type: 'configure',
        config: cloneConfig(LECTURE_PRESET),
        sources: { mnistBytes: new ArrayBuffer(8), csvText: 'a,b\n1,2', points: [{ x: 0, y: 1, label: -1 }] },
      }),
      command({ type: 'start' }),
      command({ type: 'pause' }),
      command({ type: 'resume' }),
      command({ type: 'step', id: 2 }),
      command({ type: 'reset' }),
      command({ type: 'snapshot' }),
      command({ type: 'getCheckpoint' }),
      command({ type: 'ping', id: 0 }),
      command({
        type: 'setLive',
        live: {
          beta: 0,
          sigma2: 1,
          lr: 1e-3,
          warmup: 10,
          warmupShape: 'cyclical',
          freeBits: 0.5,
          clip: 5,
          mcSamples: 4,
          epochs: 10,
          speed: 'max',
        },
      }),
      command({ type: 'setLive', live: { speed: 0.5 } }),
      command({ type: 'evaluate', iwaeK: 50, split: 'validation' }),
      command({
        type: 'loadCheckpoint',
        state: {
          epoch: 1,
          step: 16,
          weights: [new Float32Array(4)],
          optimizer: { t: 16, buffers: [] },
          rng: [1, 2, 3, 4, NaN],
          order: new Uint32Array(3),
          live: {
            beta: 0.25,
            sigma2: 0.03,
            lr: 3e-3,
            warmup: 0,
            warmupShape: 'linear',
            freeBits: 0,
            clip: 0,
            mcSamples: 1,
            epochs: 800,
          },
          data: null,
          progress: {
            step: 3,
            steps: 16,
            loss: 9,
            recon: 8,
            kl: 4,
            beta: 0.25,
            klPerDim: [2, 2],
            muSum: [0.5, -1],
            muSumSq: [3, 4],
            ms: 1.5,
          },
        },
        history: [
          {
            epoch: 1,
            loss: 2,
            recon: 1,
            reconConstant: 0,
            kl: 4,
            beta: 0.25,
            betaKl: 1,
            klPerDim: [2, 2],
            activeUnits: 2,
            steps: 16,
            ms: 3,
          },
        ],
      }),
    ];
    for (const c of valid) {
      const r = parseCommand(c);
      expect(r.ok ? r.command : r.error).toEqual(c);
    }
  });

  it('names the field and the reason of each rejection', () => {
    expect(errorOf({ v: V, type: 'setLive', live: { beta: LIMITS.beta.max * 2 } })).toBe(
      `live.beta: must be at most ${LIMITS.beta.max} (got 2000)`,
    );
    expect(errorOf({ v: V, type: 'setLive', live: { mcSamples: 1.5 } })).toBe(
      'live.mcSamples: must be an integer (got 1.5)',
    );
    expect(errorOf({ v: V, type: 'setLive', live: { speed: 'fast' } })).toMatch(
      /^live\.speed: must be 'max' or a number/,
    );
    expect(errorOf({ v: V, type: 'setLive', live: { warmupShape: 'cosine' } })).toBe(
      'live.warmupShape: must be one of linear, cyclical (got the text "cosine")',
    );
    expect(errorOf({ v: V, type: 'setLive', live: { lr: NaN } })).toMatch(/^live\.lr: /);
    const c = cloneConfig(LECTURE_PRESET);
    c.model.hidden = [64, 64, 64, 64];
    expect(errorOf({ v: V, type: 'configure', config: c })).toBe(
      'config.model.hidden: must have at most 3 hidden layers',
    );
    c.model.hidden = [0];
    expect(errorOf({ v: V, type: 'configure', config: c })).toBe('config.model.hidden[0]: must be at least 1 (got 0)');
    expect(
      errorOf({
        v: V,
        type: 'configure',
        config: cloneConfig(LECTURE_PRESET),
        sources: { mnistBytes: new Uint8Array(4) },
      }),
    ).toBe('sources.mnistBytes: must be an ArrayBuffer');
    expect(
      errorOf({
        v: V,
        type: 'configure',
        config: cloneConfig(LECTURE_PRESET),
        sources: { points: [{ x: 0, y: Infinity, label: 0 }] },
      }),
    ).toBe('sources.points[0].y: must be a finite number');
    expect(errorOf({ v: V, type: 'loadCheckpoint', state: {}, history: [] })).toBe('state.epoch: is missing');
    expect(errorOf({ v: V + 1, type: 'ping' })).toBe(
      `v: protocol version ${V + 1} is not supported; this side speaks version ${V}`,
    );
    const unknown = parseCommand({ v: V, type: 'launch' });
    expect(unknown).toMatchObject({ ok: false, commandType: 'launch' });
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [
      undefined,
      0,
      'x',
      [],
      () => 1,
      Symbol('s'),
      { v: V },
      { v: V, type: 42 },
      Object.create(null),
      new Proxy({}, {}),
    ];
    for (const input of odd) expect(parseCommand(input).ok).toBe(false);
  });
});

describe('parseEvent', () => {
  it('accepts well-formed events and checks snapshot shapes', () => {
    expect(parseEvent(event({ type: 'ready', protocolVersion: V })).ok).toBe(true);
    expect(parseEvent(event({ type: 'snapshot', snapshot: snapshotOf() })).ok).toBe(true);
    expect(parseEvent(event({ type: 'snapshot', snapshot: snapshotOf({ grid: null }) })).ok).toBe(true);
    const bad = parseEvent(event({ type: 'snapshot', snapshot: snapshotOf({ means: new Float32Array(19) }) }));
    expect(bad).toEqual({ ok: false, error: 'snapshot: means must hold rows × latent values' });
    const wrongType = parseEvent(
      event({ type: 'snapshot', snapshot: snapshotOf({ means: [0, 1] as unknown as Float32Array }) }),
    );
    expect(wrongType).toEqual({ ok: false, error: 'snapshot.means: must be a Float32Array' });
    expect(
      parseEvent(
        event({
          type: 'status',
          state: 'diverged',
          epoch: 3,
          epochs: 10,
          live: null,
          divergence: { epoch: 4, step: 2, reason: 'the loss became NaN' },
        }),
      ).ok,
    ).toBe(true);
    expect(
      parseEvent(event({ type: 'status', state: 'stuck' as never, epoch: 3, epochs: 10, live: null })),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^state: /) });
    expect(parseEvent(event({ type: 'metrics', metrics: [] }))).toEqual({
      ok: false,
      error: 'metrics: must hold at least one epoch',
    });
    expect(parseEvent({ type: 'pong' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^v: protocol version undefined/),
    });
  });
});
