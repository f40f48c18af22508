import { describe, expect, it } from 'vitest';
import { covariance, symmetricEigenvalues } from '../../src/engine/eigen';
import { prepareData } from '../../src/engine/datasets';
import { dataSpectrum, gaussianEntropy, knownEntropy } from '../../src/engine/spectrum';
import { cloneConfig, LINEAR_GAUSSIAN_PRESET, LECTURE_PRESET } from '../../src/shared/config';

describe('symmetricEigenvalues (Jacobi)', () => {
  it('a diagonal matrix: its diagonal, descending', () => {
    expect(symmetricEigenvalues([1, 0, 0, 0, 3, 0, 0, 0, 2], 3)).toEqual([3, 2, 1]);
  });
  it('[[2, 1], [1, 2]] has eigenvalues 3 and 1', () => {
    const e = symmetricEigenvalues([2, 1, 1, 2], 2);
    expect(e[0]).toBeCloseTo(3, 12);
    expect(e[1]).toBeCloseTo(1, 12);
  });
  it('the 4×4 matrix with 2 on the diagonal and −1 beside it: 2 − 2cos(kπ/5)', () => {
    const n = 4;
    const a = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
    }
    const expected = [1, 2, 3, 4].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 5)).sort((x, y) => y - x);
    symmetricEigenvalues(a, n).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });
  it('a rotated diag(5, 1, 0.1) (Q D Qᵀ with a Householder Q) gives 5, 1, 0.1 back; trace kept', () => {
    const u = [1, 2, 2].map((v) => v / 3);
    const q = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? 1 : 0) - 2 * u[i] * u[j]));
    const d = [5, 1, 0.1];
    const a: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) a.push(d.reduce((s, dk, k) => s + q[i][k] * dk * q[j][k], 0));
    symmetricEigenvalues(a, 3).forEach((v, i) => expect(v).toBeCloseTo(d[i], 10));
  });
  it('names the size mismatch', () => {
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/expected 2×2 = 4 entries, got 3/);
  });
});

describe('the data spectrum', () => {
  it('the gaussian dataset: sample eigenvalues near std1², std2²; H = ln 2πe + ln std1·std2', () => {
    const c = cloneConfig(LINEAR_GAUSSIAN_PRESET);
    const s = dataSpectrum(c.dataset, prepareData(c.dataset));
    expect(s.eigenvalues![0]).toBeGreaterThan(0.9);
    expect(s.eigenvalues![0]).toBeLessThan(1.1);
    expect(s.eigenvalues![1]).toBeGreaterThan(0.09 * 0.9);
    expect(s.eigenvalues![1]).toBeLessThan(0.09 * 1.1);
    expect(s.entropy).toBeCloseTo(Math.log(2 * Math.PI * Math.E) + Math.log(0.3), 12);
  });
  it('standardised: eigenvalues of the correlation matrix (sum 2), H moved by −Σ ln sⱼ', () => {
    const c = cloneConfig(LINEAR_GAUSSIAN_PRESET);
    c.dataset.standardize = true;
    const data = prepareData(c.dataset);
    const s = dataSpectrum(c.dataset, data);
    expect(s.eigenvalues![0] + s.eigenvalues![1]).toBeCloseTo(2, 5);
    const shift = Array.from(data.transform!.std, Math.log).reduce((a, b) => a + b, 0);
    expect(s.entropy).toBeCloseTo(Math.log(2 * Math.PI * Math.E) + Math.log(0.3) - shift, 10);
  });
  it('the eigenvalues sum to the trace of the covariance; the entropy is unknown for other datasets', () => {
    const c = cloneConfig(LECTURE_PRESET);
    const data = prepareData(c.dataset);
    const s = dataSpectrum(c.dataset, data);
    const cov = covariance(data.train.x, data.train.n, data.train.dim);
    expect(s.eigenvalues![0] + s.eigenvalues![1]).toBeCloseTo(cov[0] + cov[3], 8);
    expect(s.entropy).toBeNull();
    expect(
      knownEntropy({ ...c.dataset, kind: 'gaussian', params: { n: 10, std1: 0, std2: 1, angle: 0 } }, null),
    ).toBeNull();
  });
  it('the sample entropy is ½ ln((2πe)² |S|) of the divide-by-n covariance, and no Gaussian beats it on the sample', () => {
    const c = cloneConfig(LINEAR_GAUSSIAN_PRESET);
    const data = prepareData(c.dataset);
    const s = dataSpectrum(c.dataset, data);
    const { x, n } = data.train;
    const cov = covariance(x, n, 2);
    const det = cov[0] * cov[3] - cov[1] * cov[2];
    expect(s.sampleEntropy).toBeCloseTo(0.5 * Math.log((2 * Math.PI * Math.E) ** 2 * det), 10);
    // The generating N(0, Σ) is one Gaussian: its mean −log density on these examples is above Ĥ
    // (the sample's own H is lower by chance here, which is why the plane's bound uses Ĥ).
    const [s1, s2, a] = [1, 0.3, (30 * Math.PI) / 180];
    let nll = 0;
    for (let i = 0; i < n; i++) {
      const u = Math.cos(a) * x[2 * i] + Math.sin(a) * x[2 * i + 1];
      const w = -Math.sin(a) * x[2 * i] + Math.cos(a) * x[2 * i + 1];
      nll += Math.log(2 * Math.PI * s1 * s2) + 0.5 * ((u / s1) ** 2 + (w / s2) ** 2);
    }
    expect(nll / n).toBeGreaterThan(s.sampleEntropy!);
    expect(s.sampleEntropy!).toBeLessThan(s.entropy!);
    expect(gaussianEntropy([1, 0])).toBeNull();
    expect(gaussianEntropy(null)).toBeNull();
  });
});
