/**
 * What cards 5 (latent variable model) and 12 (generation) can draw of the lab's model, and the line
 * that says so: the model's own mixture or samples where they mean something on the page, else what
 * does (images, the component means) or the card's toy, with the reason in words.
 */
import type { ExperimentConfig } from '../../../../shared/config';
import type { DatasetInfo, Snapshot } from '../../../../shared/protocol';

export type Point = [number, number];

/** The inputs: the lab's newest snapshot, its dataset and the configuration in force. */
export interface LiveInput {
  snapshot: Snapshot | null;
  dataset: DatasetInfo | null;
  config: ExperimentConfig;
}

interface Images {
  /** `[n × width·height]`, values in [0, 1] (Gaussian means clamped when drawn). */
  mean: Float32Array;
  sample: Float32Array;
  n: number;
  width: number;
  height: number;
}

interface Plane {
  data: Point[];
  means: Point[];
  samples: Point[];
}

/** Card 5's figure of the lab model. */
export type LatentLive =
  | { kind: 'toy'; note: string }
  | ({ kind: 'mixture'; epoch: number; sigma: number; note: string } & Plane)
  | ({ kind: 'means'; epoch: number; note: string; drawSamples: boolean } & Plane)
  | ({ kind: 'images'; epoch: number; note: string } & Images);

/** Card 12's figure of the lab model. */
export type GenerationLive =
  | { kind: 'toy'; note: string }
  | ({ kind: 'plane'; epoch: number; count: number; bernoulli: boolean; note: string } & Plane)
  | ({ kind: 'images'; epoch: number; count: number; bernoulli: boolean; note: string } & Images);

/** Component means shown on card 5 for image data. */
export const IMAGE_COMPONENTS = 16;

const points = (a: Float32Array, n: number): Point[] => Array.from({ length: n }, (_, i) => [a[2 * i], a[2 * i + 1]]);

function plane(s: Snapshot, d: DatasetInfo): Plane {
  return {
    data: points(d.x, d.x.length / 2),
    means: points(s.prior.mean, s.prior.count),
    samples: points(s.prior.sample, s.prior.count),
  };
}

function images(s: Snapshot, d: DatasetInfo, n: number): Images | null {
  const img = d.image;
  if (!img || img.width * img.height !== s.dim) return null;
  const count = Math.min(n, s.prior.count);
  return {
    mean: s.prior.mean.subarray(0, count * s.dim),
    sample: s.prior.sample.subarray(0, count * s.dim),
    n: count,
    width: img.width,
    height: img.height,
  };
}

/** The usable snapshot: one of the dataset's model (same dimension), else null. */
function current(input: LiveInput): { s: Snapshot; d: DatasetInfo } | null {
  const { snapshot: s, dataset: d } = input;
  if (!s || !d || s.dim !== d.dim) return null;
  return { s, d };
}

const NO_MODEL =
  'No lab model yet, so the figure is a toy. Once the Lab has a model, its own decoded Gaussians are drawn here.';

function priorOf(k: number): string {
  return k === 1 ? 'N(0, 1)' : `N(0, I), K = ${k} latent dimensions`;
}
const latentOf = (k: number): string => `z_m ~ ${priorOf(k)}`;

export function latentLive(input: LiveInput): LatentLive {
  const cur = current(input);
  if (cur === null) return { kind: 'toy', note: NO_MODEL };
  const { s, d } = cur;
  const likelihood = input.config.model.likelihood;
  const M = s.prior.count;
  const head = `The lab\u2019s model at epoch ${s.epoch}`;
  if (s.dim === 2) {
    const p = plane(s, d);
    if (likelihood === 'gaussian') {
      const sigma = Math.sqrt(input.config.train.sigma2);
      const note =
        `${head}: p(x) ≈ (1/M) Σ N(x; f(z_m), σ²I) over the snapshot\u2019s M = ${M} prior draws ` +
        `${latentOf(s.latent)}, σ = ${sigma.toPrecision(3)}.`;
      return { kind: 'mixture', epoch: s.epoch, sigma, note, ...p };
    }
    if (likelihood === 'gaussian-learned') {
      const note =
        `${head}: p(x) ≈ (1/M) Σ N(x; f(z_m), diag σ²(z_m)) over M = ${M} prior draws ${latentOf(s.latent)}. ` +
        'Its decoder learns a variance for each z, which the snapshot does not carry, so no circles are drawn: ' +
        'each component is shown by its mean f(z_m) and one draw from it.';
      return { kind: 'means', epoch: s.epoch, note, drawSamples: true, ...p };
    }
    const note =
      `${head} has a Bernoulli decoder: each p(x | z_m) puts its mass on the four corners of {0, 1}², so p(x) is ` +
      `not a density on this plane and no Gaussians are drawn. The dots are the means f(z_m) of its M = ${M} ` +
      'components, the chances that x₁ and x₂ are 1.';
    return { kind: 'means', epoch: s.epoch, note, drawSamples: false, ...p };
  }
  const im = images(s, d, IMAGE_COMPONENTS);
  if (im !== null) {
    const component =
      likelihood === 'bernoulli'
        ? 'Π_d Bern(x_d; f_d(z_m))'
        : likelihood === 'gaussian-learned'
          ? 'N(x; f(z_m), diag σ²(z_m))'
          : `N(x; f(z_m), σ²I), σ² = ${input.config.train.sigma2}`;
    const note =
      `${head}: p(x) ≈ (1/M) Σ ${component} over M = ${M} prior draws ${latentOf(s.latent)}. ` +
      `A ${im.width}×${im.height} image is a point in ${s.dim} dimensions, too many to plot, so here are the ` +
      `means f(z_m) of ${im.n} of its components; the density is highest near them.`;
    return { kind: 'images', epoch: s.epoch, note, ...im };
  }
  return {
    kind: 'toy',
    note:
      `The lab\u2019s data are ${s.dim}-dimensional, and this card draws a model\u2019s mixture only for 2-D data and ` +
      'images, so the figure is a toy.',
  };
}

export function generationLive(input: LiveInput): GenerationLive {
  const cur = current(input);
  if (cur === null)
    return { kind: 'toy', note: 'No lab model yet: a toy decoder f(z) = (1.5 tanh z + 0.3 z, sin 2z).' };
  const { s, d } = cur;
  const bernoulli = input.config.model.likelihood === 'bernoulli';
  const head = `The lab\u2019s model at epoch ${s.epoch}`;
  if (s.dim === 2) {
    const note =
      `${head}: ${s.prior.count} prior draws of z (${priorOf(s.latent)}), fixed for this run, decoded.` +
      (bernoulli ? ' Its decoder is Bernoulli, so a sample is 0 or 1 in each coordinate: a corner of the square.' : '');
    return { kind: 'plane', epoch: s.epoch, count: s.prior.count, bernoulli, note, ...plane(s, d) };
  }
  const im = images(s, d, s.prior.count);
  if (im !== null) {
    const note = `${head}: ${im.n} prior draws of z (${priorOf(s.latent)}), fixed for this run, decoded to ${im.width}×${im.height} images.`;
    return { kind: 'images', epoch: s.epoch, count: im.n, bernoulli, note, ...im };
  }
  return {
    kind: 'toy',
    note: `The lab\u2019s data are ${s.dim}-dimensional and this card plots 2-D data or images: a toy decoder f(z) = (1.5 tanh z + 0.3 z, sin 2z).`,
  };
}
