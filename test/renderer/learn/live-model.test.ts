import { describe, expect, it } from 'vitest';
import { cloneConfig, PRESETS, type ExperimentConfig } from '../../../src/shared/config';
import type { DatasetInfo, Snapshot } from '../../../src/shared/protocol';
import { generationLive, IMAGE_COMPONENTS, latentLive } from '../../../src/renderer/src/views/learn/live-model';

/** A snapshot with `count` prior draws of dimension `dim` (means i, samples i + 0.5) and latent size `latent`. */
function snapshot(dim: number, latent: number, count: number, epoch = 3): Snapshot {
  const mean = Float32Array.from({ length: count * dim }, (_, i) => i);
  const sample = Float32Array.from({ length: count * dim }, (_, i) => i + 0.5);
  return {
    epoch,
    latent,
    dim,
    prior: { count, z: new Float32Array(count * latent), mean, sample },
  } as unknown as Snapshot;
}

function dataset(dim: number, image?: { width: number; height: number }): DatasetInfo {
  return { dim, x: new Float32Array(4 * dim), image } as unknown as DatasetInfo;
}

function config(likelihood: ExperimentConfig['model']['likelihood'], sigma2 = 0.03): ExperimentConfig {
  const c = cloneConfig(PRESETS.lecture);
  c.model.likelihood = likelihood;
  c.train.sigma2 = sigma2;
  return c;
}

describe('card 5 on the lab model', () => {
  it('draws the mixture of N(f(z_m), σ²I) for 2-D data and the fixed-variance Gaussian decoder, at any latent size', () => {
    const live = latentLive({ snapshot: snapshot(2, 5, 10), dataset: dataset(2), config: config('gaussian', 0.04) });
    expect(live.kind).toBe('mixture');
    if (live.kind !== 'mixture') return;
    expect(live.sigma).toBeCloseTo(0.2, 6);
    expect(live.means).toHaveLength(10);
    expect(live.means[1]).toEqual([2, 3]);
    expect(live.note).toContain('M = 10 prior draws z_m ~ N(0, I), K = 5 latent dimensions, σ = 0.200');
  });

  it('shows the component means and one draw each, without circles, for a learned variance', () => {
    const live = latentLive({ snapshot: snapshot(2, 2, 10), dataset: dataset(2), config: config('gaussian-learned') });
    expect(live.kind).toBe('means');
    if (live.kind !== 'means') return;
    expect(live.drawSamples).toBe(true);
    expect(live.samples[0]).toEqual([0.5, 1.5]);
    expect(live.note).toContain('learns a variance for each z');
    expect(live.note).toContain('no circles are drawn');
  });

  it('says a Bernoulli decoder has no density on the plane and draws only its means', () => {
    const live = latentLive({ snapshot: snapshot(2, 2, 10), dataset: dataset(2), config: config('bernoulli') });
    expect(live.kind).toBe('means');
    if (live.kind !== 'means') return;
    expect(live.drawSamples).toBe(false);
    expect(live.note).toContain('not a density on this plane');
  });

  it('shows MNIST component means as images, naming the dimension', () => {
    const img = { width: 28, height: 28 };
    const live = latentLive({
      snapshot: snapshot(784, 8, 100),
      dataset: dataset(784, img),
      config: config('bernoulli'),
    });
    expect(live.kind).toBe('images');
    if (live.kind !== 'images') return;
    expect(live.n).toBe(IMAGE_COMPONENTS);
    expect(live.mean).toHaveLength(IMAGE_COMPONENTS * 784);
    expect(live.note).toContain('Π_d Bern(x_d; f_d(z_m))');
    expect(live.note).toContain('a point in 784 dimensions');
    expect(live.note).toContain('K = 8');
  });

  it('falls back to the toy, saying why, without a model or for data it cannot draw', () => {
    expect(latentLive({ snapshot: null, dataset: null, config: config('gaussian') })).toMatchObject({
      kind: 'toy',
      note: expect.stringContaining('No lab model yet'),
    });
    expect(latentLive({ snapshot: snapshot(3, 2, 10), dataset: dataset(3), config: config('gaussian') })).toMatchObject(
      { kind: 'toy', note: expect.stringContaining('3-dimensional') },
    );
    // A snapshot of the previous dataset (another dimension) is not the current model.
    expect(latentLive({ snapshot: snapshot(784, 2, 10), dataset: dataset(2), config: config('gaussian') }).kind).toBe(
      'toy',
    );
  });
});

describe('card 12 on the lab model', () => {
  it('draws 2-D samples on the data, noting that Bernoulli samples sit on the corners', () => {
    const g = generationLive({ snapshot: snapshot(2, 2, 10), dataset: dataset(2), config: config('gaussian') });
    expect(g).toMatchObject({ kind: 'plane', count: 10, bernoulli: false });
    const b = generationLive({ snapshot: snapshot(2, 2, 10), dataset: dataset(2), config: config('bernoulli') });
    expect(b).toMatchObject({ kind: 'plane', bernoulli: true, note: expect.stringContaining('corner of the square') });
  });

  it('shows MNIST prior samples as images', () => {
    const img = { width: 28, height: 28 };
    const g = generationLive({
      snapshot: snapshot(784, 16, 100),
      dataset: dataset(784, img),
      config: config('gaussian'),
    });
    expect(g).toMatchObject({ kind: 'images', n: 100, width: 28, height: 28 });
    expect(g.note).toContain('100 prior draws of z (N(0, I), K = 16 latent dimensions)');
  });

  it('falls back to the toy with the reason', () => {
    expect(
      generationLive({ snapshot: snapshot(3, 2, 10), dataset: dataset(3), config: config('gaussian') }),
    ).toMatchObject({ kind: 'toy', note: expect.stringContaining('3-dimensional') });
  });
});
