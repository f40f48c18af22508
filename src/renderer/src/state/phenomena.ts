/**
 * The phenomena presets: each sets up the lab from a preset, says in two sentences what to watch
 * for and, once the run has trained its stated epochs, checks the live numbers (phenomena-checks.ts).
 */
import { cloneConfig, PRESETS, type ExperimentConfig, type PresetName } from '../../../shared/config';
import type { SweepFlag } from '../../../shared/sweep';
import {
  checkBlur,
  checkCollapse,
  checkFreeBits,
  checkLearnedVariance,
  checkLecture,
  checkPpca,
  checkSigmaCollapse,
  checkTradeoff,
  checkWarmupOff,
  checkWarmupOn,
  type Check,
  type PhenomenonReading,
} from './phenomena-checks';

export type LearnCardId = 'kl' | 'latent' | 'elbo' | 'likelihood' | 'generation';

export interface Phenomenon {
  /** The preset it starts from (its id too). */
  preset: PresetName;
  title: string;
  /** Two sentences: what to look at while it trains. */
  watch: string;
  /** The Learn card that offers it. */
  card: LearnCardId;
  check: Check;
  /**
   * Where one run shows only one point of the effect: the sweep that shows it, offered beside the
   * preset (the Sweep tab, preconfigured from the preset; see sweepProposal).
   */
  sweep?: { param: SweepFlag; values: string; why: string };
}

/** A sweep the Sweep tab is asked to prepare: its form's fields, and the experiment its runs start from. */
export interface SweepProposal {
  /** Which phenomenon asked, for the Sweep tab's note. */
  title: string;
  base: ExperimentConfig;
  param: SweepFlag;
  values: string;
  epochs: number;
}

/** The sweep a phenomenon offers, from its own preset, or null if it offers none. */
export function sweepProposal(p: Phenomenon): SweepProposal | null {
  if (!p.sweep) return null;
  const base = cloneConfig(PRESETS[p.preset]);
  return { title: p.title, base, param: p.sweep.param, values: p.sweep.values, epochs: base.train.epochs };
}

export const PHENOMENA: readonly Phenomenon[] = [
  {
    preset: 'lecture',
    title: 'The lecture run',
    watch:
      'The pinwheel\u2019s five arms separate on the latent map while the loss falls from about 50 to under 2. ' +
      'At epoch 800 compare the total, recon and KL with the lecture\u2019s printed 1.67 / 0.30 / 5.48.',
    card: 'generation',
    check: checkLecture,
  },
  {
    preset: 'collapse-beta',
    title: 'Posterior collapse by β',
    watch:
      'With β = 300 the KL costs more than any use of the latent can repay, so the encoder returns the prior for every x. ' +
      'Watch the active units drop to 0 and the KL per dimension go flat.',
    card: 'kl',
    check: checkCollapse,
  },
  {
    preset: 'collapse-sigma',
    title: 'Collapse by decoder variance σ²',
    watch:
      'For a linear VAE a latent dimension survives only where the data\u2019s variance λ exceeds βσ²; ' +
      'here σ² = 0.3 lies between the eigenvalues 1 and 0.09. Watch one dimension keep ½ ln(λ/σ²) nats and the other fall to 0.',
    card: 'likelihood',
    check: checkSigmaCollapse,
  },
  {
    preset: 'ppca',
    title: 'The linear VAE as probabilistic PCA',
    watch:
      'A linear encoder and decoder with a Gaussian likelihood learn probabilistic PCA: the decoder\u2019s columns point along the ' +
      'data\u2019s principal axes. Watch each dimension\u2019s KL settle at ½ ln(λ/σ²) of its eigenvalue λ.',
    card: 'latent',
    check: checkPpca,
  },
  {
    preset: 'beta-tradeoff',
    title: 'The β-VAE trade-off',
    watch:
      'β = 4 buys a smaller rate (KL) with a larger distortion (reconstruction term) than β = 1 would. ' +
      'Watch both settle where the linear-Gaussian law puts them for this β.',
    card: 'kl',
    check: checkTradeoff,
    sweep: {
      param: 'beta',
      values: '0.25,0.5,1,2,4,16,64',
      why:
        'One run is one point of the trade-off. A sweep of β on this preset draws the whole curve on the ' +
        'rate\u2013distortion plane: the rate falls and the distortion rises with β, the second dimension switches off ' +
        'between β = 4 and 16 (where βσ² passes its eigenvalue 0.25) and the first by β = 64 (βσ² past 1).',
    },
  },
  {
    preset: 'mnist-blur',
    title: 'Blurry means from a Gaussian decoder on MNIST',
    watch:
      'A Gaussian decoder with independent pixels averages the digits a code could stand for, so its means are grey and ' +
      'blurred, though every training pixel is black or white. Compare with the MNIST Bernoulli preset, whose samples are sharp 0/1 pixels.',
    card: 'likelihood',
    check: checkBlur,
  },
  {
    preset: 'warmup-on',
    title: 'KL warm-up on',
    watch:
      'β ramps from 0 to 1 over the first 50 epochs, so early on the encoder spends nats freely. ' +
      'Watch the KL overshoot to more than twice its final value, then fall as β arrives.',
    card: 'elbo',
    check: checkWarmupOn,
  },
  {
    preset: 'warmup-off',
    title: 'KL warm-up off',
    watch:
      'The same run with β = 1 from the first step: the KL is priced from the start. ' +
      'Watch it rise to its final value without the large overshoot of the warm-up run.',
    card: 'elbo',
    check: checkWarmupOff,
  },
  {
    preset: 'free-bits',
    title: 'Free bits λ keeping a dimension alive',
    watch:
      'Without free bits this linear VAE drops its second dimension (σ² = 0.3 exceeds its eigenvalue 0.09). ' +
      'With λ = 0.25 nats free per dimension, watch both dimensions stay active with about λ nats each.',
    card: 'kl',
    check: checkFreeBits,
  },
  {
    preset: 'learned-variance',
    title: 'Learned decoder variance on a curve',
    watch:
      'The two noiseless moons are curves, a 1-D manifold in 2-D, so a learned decoder variance can shrink towards 0 (Dai & Wipf 2019). ' +
      'Watch the variance fall while one latent becomes sharp (tiny encoder variance) and the other stays at the prior.',
    card: 'likelihood',
    check: checkLearnedVariance,
  },
];

export function phenomenonOf(preset: PresetName): Phenomenon | null {
  return PHENOMENA.find((p) => p.preset === preset) ?? null;
}

/** When the check applies: the run trains exactly the preset's epochs. */
export function checkEpoch(p: Phenomenon): number {
  return PRESETS[p.preset].train.epochs;
}

export type CheckState =
  | { state: 'training'; text: string }
  | { state: 'changed'; text: string }
  | { state: 'passed' | 'failed'; text: string };

/**
 * The check's state for a reading: waiting until the run has `checkEpoch` epochs (and, for checks
 * that read decodings, a snapshot of that epoch); not applicable once the settings have left the
 * preset or were changed during the run.
 */
export function checkState(
  p: Phenomenon,
  reading: PhenomenonReading,
  matches: boolean,
  changedDuringRun: boolean,
): CheckState {
  if (!matches || changedDuringRun)
    return { state: 'changed', text: 'The settings have left this preset, so its check does not apply.' };
  const at = checkEpoch(p);
  const epoch = reading.history.at(-1)?.epoch ?? 0;
  const snapshotBehind = needsSnapshot(p) && (reading.snapshot === null || reading.snapshot.epoch < at);
  if (epoch < at || snapshotBehind) return { state: 'training', text: `The check runs at epoch ${at} (now ${epoch}).` };
  const verdict = p.check(reading);
  return { state: verdict.passed ? 'passed' : 'failed', text: verdict.text };
}

function needsSnapshot(p: Phenomenon): boolean {
  return p.check === checkBlur || p.check === checkLearnedVariance;
}
