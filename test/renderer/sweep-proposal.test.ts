import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/shared/config';
import { linearGaussianLaw } from '../../src/shared/linear-gaussian';
import { phenomenonOf, PHENOMENA, sweepProposal } from '../../src/renderer/src/state/phenomena';
import { formDefinition } from '../../src/renderer/src/state/sweep-plan';

describe("the β-VAE trade-off's sweep", () => {
  const p = phenomenonOf('beta-tradeoff')!;
  const proposal = sweepProposal(p)!;

  it('starts from a copy of the preset, with its epochs, over β', () => {
    expect(proposal.base).toEqual(PRESETS['beta-tradeoff']);
    expect(proposal.base).not.toBe(PRESETS['beta-tradeoff']);
    expect(proposal).toMatchObject({ title: 'The β-VAE trade-off', param: 'beta', epochs: 150 });
    const def = formDefinition({ param: 'beta', values: proposal.values, param2: null, values2: '', seeds: '' });
    expect(def.values).toEqual([0.25, 0.5, 1, 2, 4, 16, 64]);
  });

  it('crosses both switch-off points its text names, by the linear-Gaussian law (eigenvalues 1 and 0.25)', () => {
    const sigma2 = proposal.base.train.sigma2;
    const active = [0.25, 0.5, 1, 2, 4, 16, 64].map(
      (beta) => linearGaussianLaw([1, 0.25], 2, beta, sigma2).activeUnits,
    );
    expect(active).toEqual([2, 2, 2, 2, 2, 1, 0]);
    expect(p.sweep!.why).toContain('between β = 4 and 16');
    expect(p.sweep!.why).toContain('by β = 64');
  });

  it('is the only phenomenon that offers one', () => {
    expect(PHENOMENA.filter((q) => sweepProposal(q) !== null).map((q) => q.preset)).toEqual(['beta-tradeoff']);
  });
});
