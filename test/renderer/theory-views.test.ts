import { describe, expect, it } from 'vitest';
import { spectrumCsv, spectrumFigures } from '../../src/renderer/src/views/spectrum/spectrum';
import { thinPath } from '../../src/renderer/src/views/rate-distortion/rd-draw';
import { manifoldCsv } from '../../src/renderer/src/views/data-space/manifold';

describe('the Spectrum view figures', () => {
  const linear = { hidden: [], likelihood: 'gaussian' as const, latent: 2 };
  it('pairs the measured KL, largest first, with the law; exact only for a linear fixed-variance model', () => {
    const f = spectrumFigures([1, 0.09], linear, 1, 0.2, [0.001, 0.8]);
    expect(f.measured).toEqual([0.8, 0.001]);
    expect(f.law.klPerDim).toEqual([0.5 * Math.log(5), 0]);
    expect(f.exact).toBe(true);
    expect(spectrumFigures([1, 0.09], { ...linear, hidden: [64] }, 1, 0.2, null).exact).toBe(false);
    expect(spectrumFigures([1, 0.09], { ...linear, likelihood: 'gaussian-learned' }, 1, 0.2, null).exact).toBe(false);
  });
  it('exports one CSV row per eigenvalue with the water level, the prediction and the measurement', () => {
    const f = spectrumFigures([1, 0.09], linear, 1, 0.2, [0.8, 0]);
    expect(spectrumCsv([1, 0.09], f, 1, 0.2).trim().split('\n')).toEqual([
      'rank,eigenvalue,water_level_beta_sigma2,predicted_kl,measured_kl',
      `1,1,0.2,${0.5 * Math.log(5)},0.8`,
      '2,0.09,0.2,0,0',
    ]);
  });
});

describe('the rate–distortion path and the manifold CSV', () => {
  it('thins long paths evenly, keeping the first and the newest point', () => {
    const path = Array.from({ length: 5000 }, (_, i) => i);
    const thin = thinPath(path, 600);
    expect(thin).toHaveLength(600);
    expect(thin[0]).toBe(0);
    expect(thin.at(-1)).toBe(4999);
    expect(thinPath([1, 2, 3], 600)).toEqual([1, 2, 3]);
  });
  it('writes line, point and the decoded coordinates', () => {
    const csv = manifoldCsv({ lines: 1, points: 2, mean: new Float32Array([1, 2, 3, 4]) }, 2, ['x', 'y']);
    expect(csv).toBe('line,point,x,y\n1,1,1,2\n1,2,3,4\n');
  });
});
