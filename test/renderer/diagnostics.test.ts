// @vitest-environment jsdom
/**
 * The Diagnostics panel and the true posterior on the lab's side: when the engine is asked, what
 * the panel shows of its answer (± errors, exact figures labelled), the CSV, the words for a
 * posterior's fit, and moving between latent points with the arrow keys.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { event, type Diagnostics, type EngineCommand, type TruePosterior } from '../../src/shared/protocol';
import { Evaluation } from '../../src/renderer/src/state/evaluation.svelte';
import type { Lab } from '../../src/renderer/src/state/lab.svelte';
import DiagnosticsView from '../../src/renderer/src/views/diagnostics/DiagnosticsView.svelte';
import { diagnosticsCsv, posteriorFit } from '../../src/renderer/src/views/diagnostics/diagnostics-rows';
import { neighbourRow } from '../../src/renderer/src/views/latent-map/keyboard';
import { metricsAt, startLab, trainedTo } from '../support/lab-fixture';

let labs: Lab[] = [];
afterEach(() => {
  cleanup();
  for (const lab of labs) lab.dispose();
  labs = [];
  localStorage.clear();
});

async function lab() {
  const started = await startLab();
  labs.push(started.lab);
  return started;
}

const DIAGNOSTICS: Diagnostics = {
  examples: 4000,
  negElbo: 4.6701,
  recon: -1.3424,
  reconConstant: -1.6694,
  kl: 6.0118,
  klPerDim: [3, 3.0118],
  muVariance: [1, 1],
  activeUnits: 2,
  mutualInfo: 4.349,
  rate: 6.0118,
  distortion: -1.3418,
  iwae: { k: 50, negBound: 4.171, se: 0.0049 },
  se: { negElbo: 0.0021, recon: 0.0021, mutualInfo: 0.03 },
  reconSamples: 8,
  exact: { grid: 12, examples: 4000, negLogPx: 3.954, negElbo: 4.669, gap: 0.715, se: { negLogPx: 0, gap: 0 } },
};

describe('the Diagnostics panel', () => {
  it('asks the engine on demand and every N epochs, and shows its answer with errors and exact figures', async () => {
    const { host, lab: l } = await lab();
    l.evaluation.setEvery(2);
    expect(localStorage.getItem('vae-lab.diagnostics.every')).toBe('2');
    trainedTo(host, l, 1);
    expect(host.of('evaluate')).toHaveLength(0);
    host.emit({ type: 'metrics', metrics: [metricsAt(2)] });
    const asked = host.of('evaluate');
    expect(asked).toHaveLength(1);
    // One at a time: epoch 4 arrives while the engine is still evaluating.
    host.emit({ type: 'metrics', metrics: [metricsAt(3), metricsAt(4)] });
    expect(host.of('evaluate')).toHaveLength(1);
    host.emit({ type: 'diagnostics', id: asked[0].id, epoch: 2, split: 'train', diagnostics: DIAGNOSTICS });
    expect(l.evaluation.busy).toBe(false);

    render(DiagnosticsView, { evaluation: l.evaluation, ready: true, latent: 2 });
    expect(
      screen.getByText(/^Epoch 2, 4000 training examples, nats per example; ± is one standard error\.$/),
    ).toBeTruthy();
    const row = (name: RegExp) =>
      Array.from(screen.getByRole('row', { name }).querySelectorAll('th, td'), (c) => c.textContent!.trim())
        .join(' ')
        .replace(/\s+/g, ' ');
    expect(row(/^−ELBO 4\.670/)).toBe('−ELBO 4.670 ± 0.002 estimate 8 draws of z per example');
    expect(row(/^−L_50/)).toBe('−L_50 4.171 ± 0.005 estimate importance-weighted bound, k = 50');
    expect(row(/^−log p\(x\)/)).toBe('−log p(x) 3.954 exact quadrature, every example');
    expect(row(/^Gap/)).toBe('Gap KL(q ‖ p(z|x)) 0.715 exact −ELBO − (−log p(x))');
    expect(row(/^KL\(q\(z\|x\)/)).toMatch(/6\.012 closed form/);
    screen.getByRole('button', { name: 'Evaluate now' }).click();
    expect(host.of('evaluate')).toHaveLength(2);
  });

  it('spaces automatic evaluations so they take at most a quarter of the time', () => {
    const sent: EngineCommand[] = [];
    let clock = 0;
    let id = 0;
    const evaluation = new Evaluation(
      (c) => sent.push(c),
      () => ++id,
      () => ({ n: 4000, dim: 2, validationRows: 0 }),
      () => clock,
    );
    evaluation.setEvery(100);
    const epochs = (epoch: number) =>
      evaluation.receive(event({ type: 'metrics', metrics: [metricsAt(epoch)] }), epoch);
    const answer = () => {
      const asked = sent.at(-1) as Extract<EngineCommand, { type: 'evaluate' }>;
      evaluation.receive(
        event({ type: 'diagnostics', id: asked.id, epoch: 100, split: 'train', diagnostics: DIAGNOSTICS }),
        100,
      );
    };
    epochs(100);
    expect(sent).toHaveLength(1);
    clock = 800; // the engine took 800 ms
    answer();
    // 300 epochs later but only 2.4 s on: the next waits until 3 × 800 ms have passed.
    clock = 3100;
    epochs(400);
    expect(sent).toHaveLength(1);
    clock = 3200;
    epochs(410);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ type: 'evaluate', iwaeK: 50 });
    // On demand is never held back.
    clock = 3300;
    answer();
    evaluation.evaluate();
    expect(sent).toHaveLength(3);
  });

  it('says why there is no exact figure for a latent size above 2, and labels a subset', async () => {
    const { host, lab: l } = await lab();
    l.evaluation.evaluate();
    const id = host.of('evaluate')[0].id;
    host.emit({ type: 'diagnostics', id, epoch: 5, split: 'train', diagnostics: { ...DIAGNOSTICS, exact: null } });
    render(DiagnosticsView, { evaluation: l.evaluation, ready: true, latent: 4 });
    expect(
      screen.getByText(/No exact −log p\(x\): quadrature covers latent size 1 or 2 and this model has 4/),
    ).toBeTruthy();
    const subset = { ...DIAGNOSTICS.exact!, examples: 32, se: { negLogPx: 1.234, gap: 0.05 } };
    expect(diagnosticsCsv({ ...DIAGNOSTICS, exact: subset }, 5)).toContain(
      '5,negLogPx,3.954,1.234,exact,quadrature on a random 32 of 4000 examples',
    );
  });

  it('evaluates the validation split when the dataset holds one out and it is chosen', async () => {
    const { host, lab: l } = await lab();
    l.dataset = { ...l.dataset!, validationRows: 800 };
    render(DiagnosticsView, { evaluation: l.evaluation, ready: true, latent: 2, validationRows: 800 });
    const split = screen.getByRole('combobox', { name: 'Split to evaluate' }) as HTMLSelectElement;
    split.value = 'validation';
    split.dispatchEvent(new Event('change'));
    screen.getByRole('button', { name: 'Evaluate now' }).click();
    expect(host.of('evaluate').at(-1)).toMatchObject({ split: 'validation' });
    const id = host.of('evaluate').at(-1)!.id;
    host.emit({
      type: 'diagnostics',
      id,
      epoch: 3,
      split: 'validation',
      diagnostics: { ...DIAGNOSTICS, examples: 800 },
    });
    expect(await screen.findByText(/^Epoch 3, 800 validation examples/)).toBeTruthy();
  });

  it('exports one line per figure', () => {
    const lines = diagnosticsCsv(DIAGNOSTICS, 2).trim().split('\n');
    expect(lines[0]).toBe('epoch,figure,value,se,kind,how');
    expect(lines.map((l) => l.split(',')[1]).slice(1)).toEqual([
      'negElbo',
      'reconstruction',
      'kl',
      'mutualInfo',
      'negLk',
      'negLogPx',
      'exactNegElbo',
      'gap',
    ]);
    expect(lines[1]).toBe('2,negElbo,4.6701,0.0021,estimate,8 draws of z per example');
  });
});

describe('the true posterior of a point', () => {
  const posterior = (index: number, epoch: number): TruePosterior => ({
    index,
    epoch,
    latent: 2,
    size: 16,
    lo: [0, 0],
    hi: [1, 1],
    density: new Float32Array(256).fill(1),
    mean: [0.5, 0.5],
    cov: [0.1, 0, 0, 0.1],
    q: { mean: [0.5, 0.5], logvar: [-3, -3] },
    kl: 0.034,
    logPx: -1,
    elbo: -1.034,
  });

  it('is asked for the picked row, kept in step with new snapshots, and cleared by a new dataset', async () => {
    const { host, lab: l } = await lab();
    l.evaluation.showPosterior(3, 7);
    const first = host.of('posterior');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ index: 7, size: 96 });
    host.emit({ type: 'posterior', id: first[0].id, posterior: posterior(7, 0) });
    expect(l.evaluation.posterior?.index).toBe(7);
    const snap = l.snapshot!;
    host.emit({ type: 'snapshot', snapshot: { ...snap, epoch: 4 } });
    expect(host.of('posterior')).toHaveLength(2);
    host.emit({ type: 'snapshot', snapshot: { ...snap, epoch: 5 } });
    expect(host.of('posterior')).toHaveLength(2); // the epoch-4 one is still on its way
    host.emit({ type: 'dataset', dataset: l.dataset! });
    expect([l.evaluation.row, l.evaluation.posterior]).toEqual([null, null]);
  });

  it('puts the fit in words', () => {
    expect(posteriorFit(0.034)).toBe('KL(q ‖ true posterior) = 0.034 nats: q fits well');
    expect(posteriorFit(0.3)).toBe('KL(q ‖ true posterior) = 0.300 nats: q is somewhat off');
    expect(posteriorFit(1.5)).toMatch(/= 1\.500 nats: q fits poorly/);
  });

  it('moves with the arrow keys to the nearest point in that direction', () => {
    // Points (0,0), (1,0.1), (2,0), (0,1), (-1,0)
    const means = new Float32Array([0, 0, 1, 0.1, 2, 0, 0, 1, -1, 0]);
    expect(neighbourRow(means, 2, 5, 0, 1, 0, 'ArrowRight')).toBe(1);
    expect(neighbourRow(means, 2, 5, 0, 1, 1, 'ArrowRight')).toBe(2);
    expect(neighbourRow(means, 2, 5, 0, 1, 0, 'ArrowUp')).toBe(3);
    expect(neighbourRow(means, 2, 5, 0, 1, 0, 'ArrowLeft')).toBe(4);
    expect(neighbourRow(means, 2, 5, 0, 1, 4, 'ArrowLeft')).toBe(4); // nothing further left: stays
  });
});
