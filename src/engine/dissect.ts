import type { DissectedLayer, DissectedStep } from '../shared/protocol';
import type { Param } from './dense';
import type { StepResult, StepSettings, Vae } from './vae';

/** A dissected step of data with more dimensions than this shows only the first few examples decoded. */
const LOW_DIM = 3;
export const DISSECT_SHOWN_HIGH_DIM = 12;

/** What the trainer knows of the step it just took, handed to the probe after the update. */
export interface TakenStep {
  vae: Vae;
  /** The minibatch `[rows × D]` and its training rows `[rows]`. */
  x: Float32Array;
  indices: Uint32Array;
  rows: number;
  settings: StepSettings;
  result: StepResult;
  /** The weights before the update, one array per parameter tensor. */
  before: Float32Array[];
  clip: number;
}

/** The trainer's counters after the step. */
export interface StepCounters {
  epoch: number;
  step: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  optimizer: DissectedStep['optimizer'];
  lr: number;
}

/**
 * Watches one real training step (Trainer.advance calls it): it only copies what the step computed —
 * encoder outputs, ε, z, decoder outputs, gradients, weights before and after — and never writes to the
 * trainer's buffers, so a dissected run stays bit-identical to one that was not.
 */
export class StepProbe {
  private gradNorms: number[] = [];
  private grads: Float32Array[] = [];
  private globalNorm = 0;
  private taken: Omit<DissectedStep, keyof StepCounters> | null = null;

  /** After the backward pass, before clipping: the gradients as the step computed them. */
  gradients(params: Param[], norm: number): void {
    this.globalNorm = norm;
    this.grads = params.map((p) => p.grad.slice());
    this.gradNorms = params.map((p) => norm2(p.grad));
  }

  /** After the optimizer's update. */
  updated(t: TakenStep): void {
    const { vae, rows, result, settings } = t;
    const { k, dim } = vae;
    const enc = vae.encoder.out;
    const mu = new Float32Array(rows * k);
    const logvar = new Float32Array(rows * k);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < k; j++) {
        mu[r * k + j] = enc[2 * r * k + j];
        logvar[r * k + j] = enc[2 * r * k + k + j];
      }
    const samples = settings.mcSamples;
    const shown = dim <= LOW_DIM ? rows : Math.min(rows, DISSECT_SHOWN_HIGH_DIM);
    const decoded = new Float32Array(shown * dim);
    vae.likelihood.mean(vae.decoder.out.subarray(0, shown * vae.decoder.outDim), shown, dim, decoded);
    this.taken = {
      rows,
      latent: k,
      dim,
      samples,
      indices: t.indices.slice(0, rows),
      mu,
      logvar,
      eps: vae.eps.slice(0, samples * rows * k),
      z: vae.z.slice(0, samples * rows * k),
      shown,
      x: t.x.slice(0, shown * dim),
      decoded,
      loss: result.loss,
      recon: result.recon,
      kl: result.kl,
      klObjective: result.klObjective,
      klPerDim: Array.from(result.klPerDim),
      beta: settings.beta,
      freeBits: settings.freeBits,
      gradNorm: this.globalNorm,
      clip: t.clip,
      clipped: t.clip > 0 && this.globalNorm > t.clip,
      layers: this.layers(vae.params, t.before),
    };
  }

  /** The dissection, once the step has been taken; null before. */
  result(counters: StepCounters): DissectedStep | null {
    return this.taken && { ...counters, ...this.taken };
  }

  /** Parameter tensors grouped by layer (`encoder.0.w` and `encoder.0.b` make `encoder.0`). */
  private layers(params: Param[], before: Float32Array[]): DissectedLayer[] {
    const byName = new Map<string, DissectedLayer & { sq: { w: number; g: number; u: number }; moved: number }>();
    params.forEach((p, i) => {
      const name = p.name.replace(/\.[wb]$/, '');
      let layer = byName.get(name);
      if (!layer) {
        layer = {
          name,
          size: 0,
          weightNorm: 0,
          gradNorm: 0,
          updateNorm: 0,
          weight: { tensor: p.name, index: 0, before: before[i][0], after: p.value[0], grad: this.grads[i][0] },
          sq: { w: 0, g: 0, u: 0 },
          moved: -1,
        };
        byName.set(name, layer);
      }
      layer.size += p.value.length;
      layer.sq.g += this.gradNorms[i] ** 2;
      for (let n = 0; n < p.value.length; n++) {
        const delta = p.value[n] - before[i][n];
        layer.sq.w += before[i][n] * before[i][n];
        layer.sq.u += delta * delta;
        if (Math.abs(delta) > layer.moved) {
          layer.moved = Math.abs(delta);
          layer.weight = { tensor: p.name, index: n, before: before[i][n], after: p.value[n], grad: this.grads[i][n] };
        }
      }
    });
    return [...byName.values()].map(({ sq, moved: _moved, ...layer }) => ({
      ...layer,
      weightNorm: Math.sqrt(sq.w),
      gradNorm: Math.sqrt(sq.g),
      updateNorm: Math.sqrt(sq.u),
    }));
  }
}

/** The transferable buffers of a dissection. */
export function dissectionTransfer(d: DissectedStep): ArrayBuffer[] {
  return [d.indices, d.mu, d.logvar, d.eps, d.z, d.x, d.decoded].map((a) => a.buffer as ArrayBuffer);
}

function norm2(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
