import type { DatasetInfo, Snapshot } from '../shared/protocol';
import { decode, encode } from '../engine/inference';
import { normalQuantile } from '../engine/normal-quantile';
import { Rng } from '../engine/random';
import { samplePoint } from '../engine/sample-point';
import { gatherRows, type Job } from './job';

/** The lecture's closing sample is drawn for data of at most this dimension (it is a printout of a few numbers). */
export const SAMPLED_POINT_MAX_DIM = 3;
/** Side of the decoded latent grid for K = 2. */
export const GRID_SIZE = 15;
/** The decoder manifold is drawn for data of at most this dimension (the 2-D and 3-D data views). */
export const MANIFOLD_MAX_DIM = 3;
/** Lines of the manifold per latent axis (K = 2) and points along each. */
export const MANIFOLD_LINES = 9;
export const MANIFOLD_POINTS = 41;
/** Seed of the likelihood noise of prior samples: the same every snapshot, so pictures only move with the model. */
const SAMPLE_NOISE_SEED = 0x27d4eb2f;

/** The buffers of typed arrays, each once, for a transfer list. */
export function buffersOf(arrays: readonly (ArrayBufferView | null | undefined)[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) set.add(a.buffer);
  return [...set];
}

/** axis[i] = Φ⁻¹((i + ½)/size): equal prior mass between grid lines. */
function gridAxis(size: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => normalQuantile((i + 0.5) / size));
}

/** z of grid cell (r, c) = (axis[c], axis[r]), row-major `[size² × 2]`. */
function gridPoints(axis: Float32Array): Float32Array {
  const size = axis.length;
  const z = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      z[2 * (r * size + c)] = axis[c];
      z[2 * (r * size + c) + 1] = axis[r];
    }
  }
  return z;
}

/** Encoder means, prior decodings, grid and reconstructions of the job's current weights. */
export function computeSnapshot(job: Job, now: () => number): { snapshot: Snapshot; transfer: ArrayBuffer[] } {
  const start = now();
  const { trainer, config } = job;
  const vae = trainer.vae;
  const opts = { sigma2: trainer.live.sigma2, varianceFloor: config.train.varianceFloor };
  const rows = job.displayRows.length;
  const { mu: means, logvar: logvars } = encode(vae, job.displayX, rows);
  const count = job.priorCount;
  const prior = {
    count,
    z: job.priorZ.slice(),
    mean: decode(vae, job.priorZ, count, opts),
    sample: decode(vae, job.priorZ, count, opts, new Rng(SAMPLE_NOISE_SEED)),
  };
  let grid: Snapshot['grid'] = null;
  if (vae.k === 2) {
    const axis = gridAxis(GRID_SIZE);
    grid = { size: GRID_SIZE, axis, mean: decode(vae, gridPoints(axis), GRID_SIZE * GRID_SIZE, opts) };
  }
  const manifold = manifoldOf(job, opts);
  const reconX = gatherRows(job.data.train.x, vae.dim, job.reconRows);
  const reconZ = encode(vae, reconX, job.reconRows.length).mu;
  const recon = { indices: job.reconRows.slice(), x: reconX, mean: decode(vae, reconZ, job.reconRows.length, opts) };
  const snapshot: Snapshot = {
    epoch: trainer.epoch,
    latent: vae.k,
    dim: vae.dim,
    means,
    rows,
    totalRows: job.data.train.n,
    subset: rows < job.data.train.n,
    prior,
    grid,
    recon,
    manifold,
    logvars,
    sampled: sampledPoint(job, opts),
    ms: now() - start,
  };
  const transfer = buffersOf([
    means,
    logvars,
    prior.z,
    prior.mean,
    prior.sample,
    grid?.axis,
    grid?.mean,
    manifold?.mean,
    recon.indices,
    recon.x,
    recon.mean,
  ]);
  return { snapshot, transfer };
}

/**
 * The decoder's manifold for K ≤ 2 and dim ≤ MANIFOLD_MAX_DIM: K = 2, MANIFOLD_LINES lines of
 * constant z1 at the normal quantiles Φ⁻¹((i + ½)/lines), then as many of constant z2, each of
 * MANIFOLD_POINTS points at Φ⁻¹((j + ½)/points) along the other axis; K = 1, one line of
 * MANIFOLD_POINTS points. Decoded by the decoder mean.
 */
function manifoldOf(job: Job, opts: { sigma2: number; varianceFloor: number }): Snapshot['manifold'] {
  const { vae } = job.trainer;
  if (vae.k > 2 || vae.dim > MANIFOLD_MAX_DIM) return null;
  const along = gridAxis(MANIFOLD_POINTS);
  if (vae.k === 1) return { lines: 1, points: MANIFOLD_POINTS, mean: decode(vae, along, MANIFOLD_POINTS, opts) };
  const at = gridAxis(MANIFOLD_LINES);
  const z = new Float32Array(2 * MANIFOLD_LINES * MANIFOLD_POINTS * 2);
  let o = 0;
  for (let axis = 0; axis < 2; axis++) {
    for (const fixed of at) {
      for (const t of along) {
        z[o + axis] = fixed;
        z[o + 1 - axis] = t;
        o += 2;
      }
    }
  }
  return { lines: MANIFOLD_LINES, points: MANIFOLD_POINTS, mean: decode(vae, z, z.length / 2, opts) };
}

/**
 * The lecture's closing printout (z*, x*, distance to the nearest training point) for low-
 * dimensional data: at most 300 single decodes and distance scans, cheap beside the rest.
 */
function sampledPoint(job: Job, opts: { sigma2: number; varianceFloor: number }): Snapshot['sampled'] {
  const { vae } = job.trainer;
  if (vae.dim > SAMPLED_POINT_MAX_DIM || job.data.train.n === 0) return null;
  const p = samplePoint(vae, job.data.train, opts);
  const finite = Number.isFinite(p.distance) && p.z.every(Number.isFinite) && p.x.every(Number.isFinite);
  return finite ? p : null;
}

/** What the UI needs to draw the data: the display rows, their labels, shapes and names. */
export function datasetInfo(job: Job): { dataset: DatasetInfo; transfer: ArrayBuffer[] } {
  const train = job.data.train;
  const indices = job.displayRows.slice();
  const dataset: DatasetInfo = {
    n: train.n,
    dim: train.dim,
    latent: job.config.model.latent,
    validationRows: job.data.validation.n,
    classes: train.classes,
    columns: [...train.columns],
    classNames: train.classNames ? [...train.classNames] : undefined,
    image: train.image ? { ...train.image } : undefined,
    indices,
    x: job.displayX.slice(),
    labels: Int32Array.from(indices, (r) => train.labels[r]),
    spectrum: job.spectrum,
    checksum: job.checksum,
    kernels: { ...job.trainer.kernels },
  };
  if (job.table) dataset.table = { ...job.table, x: job.table.x.slice(), labels: job.table.labels.slice() };
  const tableBuffers = dataset.table ? [dataset.table.x, dataset.table.labels] : [];
  return { dataset, transfer: buffersOf([dataset.indices, dataset.x, dataset.labels, ...tableBuffers]) };
}
