import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/datasets';
import { Trainer } from '../../src/engine/trainer';
import { LECTURE_PRESET, cloneConfig, type ExperimentConfig } from '../../src/shared/config';
import type { DissectedStep } from '../../src/shared/protocol';

function lecture(change: (c: ExperimentConfig) => void = () => {}): Trainer {
  const config = cloneConfig(LECTURE_PRESET);
  change(config);
  return new Trainer(config, makeDataset(config.dataset));
}

function epochs(t: Trainer, n: number): number[] {
  const losses: number[] = [];
  for (let e = 0; e < n; e++) {
    const m = t.runEpoch();
    if (!m) throw new Error(`diverged: ${JSON.stringify(t.divergence)}`);
    losses.push(m.loss);
  }
  return losses;
}

function dissect(t: Trainer): { dissection: DissectedStep; metrics: { loss: number } | null } {
  const r = t.dissectStep();
  if (!r) throw new Error(`diverged: ${JSON.stringify(t.divergence)}`);
  return r;
}

/** Every weight, optimizer moment, generator word and counter, as bytes. */
function fingerprint(t: Trainer): unknown {
  const s = t.getState();
  const bytes = (a: Float32Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return {
    epoch: s.epoch,
    step: s.step,
    weights: s.weights.map(bytes),
    moments: s.optimizer.buffers.map(bytes),
    t: s.optimizer.t,
    rng: s.rng,
    order: Array.from(s.order),
  };
}

function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

describe('a dissected training step', () => {
  it('leaves the run bit-identical to one that was not dissected', () => {
    const plain = lecture();
    const plainLosses = epochs(plain, 3);
    const stepped = lecture();
    const losses = epochs(stepped, 1);
    // Five dissected steps inside epoch 2, the rest of it trained as usual.
    for (let i = 0; i < 5; i++) expect(dissect(stepped).metrics).toBeNull();
    losses.push(...epochs(stepped, 1));
    // Epoch 3 entirely by dissected steps: the last one ends the epoch and carries its metrics.
    const steps = stepped.getState().step;
    let last: { loss: number } | null = null;
    while (last === null) last = dissect(stepped).metrics;
    expect(stepped.getState().step - steps).toBe(16);
    losses.push(last.loss);
    expect(losses).toEqual(plainLosses);
    expect(fingerprint(stepped)).toEqual(fingerprint(plain));
  });

  it('counts one step and reports where in the epoch it was', () => {
    const t = lecture();
    const first = dissect(t).dissection;
    expect(first).toMatchObject({ epoch: 0, step: 1, stepInEpoch: 1, stepsPerEpoch: 16, rows: 256, latent: 2, dim: 2 });
    const second = dissect(t).dissection;
    expect(second).toMatchObject({ epoch: 0, step: 2, stepInEpoch: 2 });
    expect(t.step).toBe(2);
    expect(t.epoch).toBe(0);
  });

  it('gives stage numbers that add up: z = μ + σε, recon + β·KL = loss, KL from μ and log σ²', () => {
    const t = lecture((c) => {
      c.train.freeBits = 0.4;
      c.train.mcSamples = 2;
    });
    epochs(t, 2);
    const d = dissect(t).dissection;
    const { rows, latent: k } = d;
    expect(d.samples).toBe(2);
    expect(d.eps.length).toBe(2 * rows * k);
    for (let l = 0; l < d.samples; l++)
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < k; j++) {
          const i = r * k + j;
          const zi = (l * rows + r) * k + j;
          expect(d.z[zi]).toBeCloseTo(d.mu[i] + Math.exp(0.5 * d.logvar[i]) * d.eps[zi], 5);
        }
    expect(d.loss).toBe(d.recon + d.beta * d.klObjective);
    expect(d.beta).toBe(0.25);
    // KL̄_j = mean over the batch of ½(μ² + σ² − 1 − log σ²); the objective clamps each at λ.
    let kl = 0;
    const perDim = new Array<number>(k).fill(0);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < k; j++) {
        const m = d.mu[r * k + j];
        const lv = d.logvar[r * k + j];
        perDim[j] += (0.5 * (m * m + Math.exp(lv) - 1 - lv)) / rows;
      }
    for (const v of perDim) kl += v;
    expect(d.kl).toBeCloseTo(kl, 5);
    d.klPerDim.forEach((v, j) => expect(v).toBeCloseTo(perDim[j], 5));
    expect(d.klObjective).toBeCloseTo(
      perDim.reduce((s, v) => s + Math.max(0.4, v), 0),
      5,
    );
  });

  it('reports the gradient per layer as the step computed it, and the update it made', () => {
    const t = lecture();
    epochs(t, 1);
    dissect(t); // now mid-epoch: the next step draws no shuffle, only ε
    const before = t.getState();
    const d = dissect(t).dissection;
    const after = t.getState();
    // The same step again on a copy of the trainer, by hand: the gradient of its batch.
    const copy = lecture();
    copy.setState(before);
    const x = new Float32Array(d.rows * d.dim);
    const data = copy.data.x;
    d.indices.forEach((row, r) => x.set(data.subarray(row * d.dim, (row + 1) * d.dim), r * d.dim));
    const settings = {
      beta: d.beta,
      freeBits: 0,
      mcSamples: 1,
      sigma2: 0.03,
      varianceFloor: copy.config.train.varianceFloor,
    };
    const again = copy.vae.step(x, d.rows, settings, copy.rng);
    expect(again.loss).toBe(d.loss);
    const params = copy.vae.params;
    expect(d.layers.map((l) => l.name)).toEqual(['encoder.0', 'encoder.1', 'decoder.0', 'decoder.1']);
    for (const layer of d.layers) {
      const own = params.filter((p) => p.name.startsWith(`${layer.name}.`));
      expect(layer.size).toBe(own.reduce((s, p) => s + p.value.length, 0));
      expect(layer.gradNorm).toBeCloseTo(Math.hypot(...own.map((p) => norm(p.grad))), 6);
      const i = (name: string) => params.findIndex((p) => p.name === name);
      const delta = own.flatMap((p) => Array.from(p.value, (_, n) => after.weights[i(p.name)][n] - p.value[n]));
      expect(layer.updateNorm).toBeCloseTo(norm(delta), 7);
      expect(layer.updateNorm).toBeGreaterThan(0);
      const w = layer.weight;
      expect(w.before).toBe(before.weights[i(w.tensor)][w.index]);
      expect(w.after).toBe(after.weights[i(w.tensor)][w.index]);
      expect(w.grad).toBe(params[i(w.tensor)].grad[w.index]);
    }
    expect(Math.hypot(...d.layers.map((l) => l.gradNorm))).toBeCloseTo(d.gradNorm, 4);
    expect(d.clipped).toBe(false);
    expect(d.optimizer).toBe('adam');
    // The decoded rows are the decoder mean at z of the batch's first rows.
    expect(d.shown).toBe(d.rows);
    expect(Array.from(d.x.subarray(0, 2))).toEqual(Array.from(x.subarray(0, 2)));
  });

  it('says when it clipped the gradient', () => {
    const t = lecture((c) => (c.train.clip = 1));
    const d = dissect(t).dissection;
    expect(d.gradNorm).toBeGreaterThan(1);
    expect(d.clipped).toBe(true);
    expect(d.clip).toBe(1);
  });
});
