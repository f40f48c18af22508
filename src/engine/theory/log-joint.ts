import type { LikelihoodOptions } from '../likelihoods';
import type { Vae } from '../vae';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log p(x, z) = log p(x|z) + log p(z) for one example x at many latent points, decoding in chunks
 * of the decoder's batch size. Buffers are reused between calls.
 */
export class LogJoint {
  private xRep = new Float32Array(0);
  private perRow = new Float64Array(0);
  private readonly constant: number;

  constructor(
    private readonly vae: Vae,
    private readonly opts: LikelihoodOptions,
  ) {
    this.constant = vae.likelihood.constant(vae.dim, opts);
  }

  /** Decoder outputs at z `[cells × K]`, copied out `[cells × P·D]` (for a grid shared by many examples). */
  decodeParams(z: Float32Array, cells: number): Float32Array {
    const { vae } = this;
    const width = vae.likelihood.paramsPerDim * vae.dim;
    const out = new Float32Array(cells * width);
    const chunk = vae.decoder.maxRows;
    for (let start = 0; start < cells; start += chunk) {
      const rows = Math.min(chunk, cells - start);
      const params = vae.decoder.forward(z.subarray(start * vae.k, (start + rows) * vae.k), rows);
      out.set(params.subarray(0, rows * width), start * width);
    }
    return out;
  }

  /** Writes log p(x, z_g) into out `[cells]`, from decoder outputs `params` and log p(z_g) already computed. */
  fromParams(x: Float32Array, params: Float32Array, prior: Float64Array, cells: number, out: Float64Array): void {
    const { vae } = this;
    this.ensure(cells);
    this.repeat(x, cells);
    vae.likelihood.nll(params, this.xRep, cells, vae.dim, this.opts, null, 1, this.perRow);
    for (let g = 0; g < cells; g++) out[g] = -(this.perRow[g] + this.constant) + prior[g];
  }

  /** x copied into the first `rows` rows of xRep. */
  private repeat(x: Float32Array, rows: number): void {
    const dim = this.vae.dim;
    const xr = this.xRep;
    if (dim > 16) {
      for (let r = 0; r < rows; r++) xr.set(x, r * dim);
      return;
    }
    for (let r = 0, o = 0; r < rows; r++) for (let d = 0; d < dim; d++, o++) xr[o] = x[d];
  }

  /** Writes log p(x, z_g) into out `[cells]`, decoding z `[cells × K]`. */
  at(x: Float32Array, z: Float32Array, cells: number, out: Float64Array): void {
    const { vae } = this;
    const dim = vae.dim;
    const chunk = vae.decoder.maxRows;
    this.ensure(Math.min(chunk, cells));
    for (let start = 0; start < cells; start += chunk) {
      const rows = Math.min(chunk, cells - start);
      const params = vae.decoder.forward(z.subarray(start * vae.k, (start + rows) * vae.k), rows);
      this.repeat(x, rows);
      vae.likelihood.nll(params, this.xRep, rows, dim, this.opts, null, 1, this.perRow);
      for (let r = 0; r < rows; r++) out[start + r] = -(this.perRow[r] + this.constant) + logPrior(z, start + r, vae.k);
    }
  }

  private ensure(rows: number): void {
    if (this.perRow.length >= rows) return;
    this.xRep = new Float32Array(rows * this.vae.dim);
    this.perRow = new Float64Array(rows);
  }
}

/** log N(z_g; 0, I). */
export function logPrior(z: Float32Array, g: number, k: number): number {
  let s = 0;
  for (let j = 0; j < k; j++) s += z[g * k + j] ** 2;
  return -0.5 * (s + k * LOG_2PI);
}
