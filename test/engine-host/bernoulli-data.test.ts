import { describe, expect, it } from 'vitest';
import { cloneConfig, LECTURE_PRESET, type ExperimentConfig } from '../../src/shared/config';
import { Job } from '../../src/engine-host/job';

const bernoulli = (edit: (c: ExperimentConfig) => void = () => {}): ExperimentConfig => {
  const config = cloneConfig(LECTURE_PRESET);
  config.model.likelihood = 'bernoulli';
  edit(config);
  return config;
};

describe('a Bernoulli decoder needs data in [0, 1]', () => {
  it('Job.build refuses a pinwheel, naming the first column outside [0, 1] and its range', () => {
    expect(() => Job.build(bernoulli())).toThrow(
      /^model\.likelihood: bernoulli needs data in \[0, 1\]; column "x" spans -\d\.\d+ … \d\.\d+$/,
    );
  });

  it('Job.build refuses standardised data, which is centred on 0', () => {
    const csvText = ['a,b', '0,1', '1,0', '0.5,0.5', '1,1'].join('\n');
    const config = bernoulli((c) => (c.dataset = { ...c.dataset, kind: 'csv', params: {}, standardize: true }));
    expect(() => Job.build(config, { csvText })).toThrow(
      'model.likelihood: bernoulli needs data in [0, 1]; standardised data is centred on 0, so turn standardising off',
    );
    config.dataset.standardize = false;
    expect(Job.build(config, { csvText }).data.train.n).toBe(4);
  });

  it('names a CSV column just past 1 without rounding it back into range', () => {
    const csvText = ['a,b', '0,1', '1,1.0001', '0.5,0.5'].join('\n');
    const config = bernoulli((c) => (c.dataset = { ...c.dataset, kind: 'csv', params: {} }));
    expect(() => Job.build(config, { csvText })).toThrow(/column "b" spans 0\.5 … 1\.000\d+$/);
  });
});
