/** Random and fixed sessions for the codec tests. */
import fc from 'fast-check';
import {
  ACTIVATIONS,
  DATASET_KINDS,
  INITS,
  LIKELIHOODS,
  LIMITS,
  LIVE_KEYS,
  OPTIMIZERS,
  WARMUP_SHAPES,
  LECTURE_PRESET,
  cloneConfig,
  type ExperimentConfig,
  type LiveParams,
  type NumberLimit,
} from '../../src/shared/config';
import { newSession, optimizerShapes, parameterShapes, type Session } from '../../src/shared/session';

/** A number inside a limit: whole numbers, or doubles with the ends and -0 where the range allows. */
export const within = (l: NumberLimit): fc.Arbitrary<number> =>
  l.integer ? fc.integer({ min: l.min, max: l.max }) : fc.double({ min: l.min, max: l.max, noNaN: true });

/** Every setting random within LIMITS; hidden widths up to `maxWidth` so weight arrays stay small. */
export const configArb = (
  maxWidth = LIMITS.hiddenWidth.max,
  maxLatent = LIMITS.latent.max,
): fc.Arbitrary<ExperimentConfig> =>
  fc.record({
    dataset: fc.record({
      kind: fc.constantFrom(...DATASET_KINDS.filter((k) => k !== 'csv' && k !== 'points')),
      params: fc.dictionary(
        fc.string({ maxLength: 20 }).filter((k) => !['__proto__', 'prototype', 'constructor'].includes(k)),
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 30 })),
        { maxKeys: 4 },
      ),
      seed: within(LIMITS.seed),
      validation: within(LIMITS.validation),
      standardize: fc.boolean(),
      scaleToUnit: fc.boolean(),
    }),
    model: fc.record({
      latent: fc.integer({ min: 1, max: maxLatent }),
      hidden: fc.array(fc.integer({ min: 1, max: maxWidth }), { maxLength: LIMITS.hiddenLayers.max }),
      activation: fc.constantFrom(...ACTIVATIONS),
      likelihood: fc.constantFrom(...LIKELIHOODS),
      init: fc.constantFrom(...INITS),
      initStd: within(LIMITS.initStd),
      initSeed: within(LIMITS.seed),
    }),
    train: fc.record({
      epochs: within(LIMITS.epochs),
      batchSize: within(LIMITS.batchSize),
      optimizer: fc.constantFrom(...OPTIMIZERS),
      lr: within(LIMITS.lr),
      beta: within(LIMITS.beta),
      sigma2: within(LIMITS.sigma2),
      warmup: within(LIMITS.warmup),
      warmupShape: fc.constantFrom(...WARMUP_SHAPES),
      freeBits: within(LIMITS.freeBits),
      mcSamples: within(LIMITS.mcSamples),
      clip: within(LIMITS.clip),
      varianceFloor: within(LIMITS.varianceFloor),
      seed: within(LIMITS.seed),
    }),
  });

/** Any double: NaN, ±Infinity, -0 and subnormals included. */
const anyDouble = fc.double();
const f32 = (n: number) => fc.float32Array({ minLength: n, maxLength: n });
/** Weights and moments must be finite (session-checks.ts); Adam's second moments also ≥ 0. */
const finiteF32 = (n: number, min?: number) =>
  fc.float32Array({
    minLength: n,
    maxLength: n,
    noNaN: true,
    noDefaultInfinity: true,
    ...(min === undefined ? {} : { min }),
  });

/** A complete session (weights of the right sizes, every float possible) for a small random model. */
export const sessionArb: fc.Arbitrary<Session> = fc
  .record({
    config: configArb(6, 4),
    dim: fc.integer({ min: 1, max: 5 }),
    n: fc.integer({ min: 1, max: 20 }),
    epochs: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ config, dim, n, epochs }) => {
    const metrics = fc.record({
      epoch: fc.constant(0),
      loss: anyDouble,
      recon: anyDouble,
      reconConstant: anyDouble,
      kl: anyDouble,
      beta: anyDouble,
      betaKl: anyDouble,
      klPerDim: fc.array(anyDouble, { minLength: config.model.latent, maxLength: config.model.latent }),
      activeUnits: fc.nat(64),
      steps: fc.nat(1000),
      ms: anyDouble,
    });
    return fc
      .record({
        name: fc.string({ maxLength: 50 }),
        notes: fc.string({ maxLength: 200 }),
        weights: fc.tuple(...parameterShapes(config.model, dim).map((s) => finiteF32(s.length))),
        buffers: fc.tuple(
          ...optimizerShapes(config, dim).map((len, i, all) => finiteF32(len, i >= all.length / 2 ? 0 : undefined)),
        ),
        t: fc.nat(),
        rng: fc.tuple(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff), anyDouble),
        // A permutation of the training examples.
        order: fc
          .shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })
          .map((a) => Uint32Array.from(a)),
        data: fc.option(f32(n * dim)),
        // A session holds every epoch up to status.epoch (session-checks.ts).
        history: fc.array(metrics, { minLength: epochs, maxLength: epochs }),
        snapshot: fc.option(fc.record({ epoch: fc.nat(), mu: f32(n * 2) })),
        diverged: fc.option(fc.string({ maxLength: 40 })),
        progress: fc.option(
          fc.record({
            step: fc.nat(10),
            steps: fc.integer({ min: 10, max: 20 }),
            loss: anyDouble,
            recon: anyDouble,
            kl: anyDouble,
            beta: anyDouble,
            klPerDim: fc.array(anyDouble, { minLength: config.model.latent, maxLength: config.model.latent }),
            muSum: fc.array(anyDouble, { minLength: config.model.latent, maxLength: config.model.latent }),
            muSumSq: fc.array(anyDouble, { minLength: config.model.latent, maxLength: config.model.latent }),
            ms: anyDouble,
          }),
        ),
      })
      .map((r) => {
        const s = newSession({
          name: r.name,
          notes: r.notes,
          appVersion: '0.1.0',
          config,
          now: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
          data: { dim, trainExamples: n, embedded: null },
          state: {
            epoch: epochs,
            step: epochs * 3,
            weights: r.weights,
            optimizer: { t: r.t, buffers: r.buffers },
            rng: r.rng,
            order: r.order,
            live: pickLive(config),
            data: r.data,
            progress: r.progress,
          },
          history: r.history.map((m, i) => ({ ...m, epoch: i + 1 })),
          snapshot: r.snapshot
            ? { epoch: r.snapshot.epoch, arrays: { encoderMeans: { shape: [n, 2], values: r.snapshot.mu } } }
            : null,
          divergence: r.diverged === null ? null : { epoch: epochs + 1, step: 1, reason: r.diverged },
        });
        return s;
      });
  });

/** The live settings of a config, in the order of the settings table (as the trainer picks them). */
export function pickLive(c: ExperimentConfig): LiveParams {
  return Object.fromEntries(LIVE_KEYS.map((k) => [k, c.train[k]])) as LiveParams;
}

/** A small valid session of the lecture's model (2-64-2, data dim 2, 10 training examples). */
export function lectureSession(): Session {
  const config = cloneConfig(LECTURE_PRESET);
  const dim = 2;
  const n = 10;
  const weights = parameterShapes(config.model, dim).map((s) => new Float32Array(s.length).map((_, i) => i / 7));
  return newSession({
    name: 'pinwheel β=0.25',
    appVersion: '0.1.0',
    config,
    now: new Date(Date.UTC(2025, 0, 2)),
    data: { dim, trainExamples: n, embedded: null },
    state: {
      epoch: 2,
      step: 2,
      weights,
      optimizer: { t: 2, buffers: [...weights, ...weights].map((w) => w.slice()) },
      rng: [1, 2, 3, 4, NaN],
      order: new Uint32Array(n).map((_, i) => n - 1 - i),
      live: pickLive(config),
      data: null,
      progress: null,
    },
    history: [1, 2].map((epoch) => ({
      epoch,
      loss: 50 - epoch,
      recon: 49,
      reconConstant: -1.2,
      kl: 3.5,
      beta: 0.25,
      betaKl: 0.875,
      klPerDim: [1.5, 2],
      activeUnits: 2,
      steps: 1,
      ms: 3.25,
    })),
  });
}
