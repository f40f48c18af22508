import { describe, expect, it } from 'vitest';
import { DATASET_KINDS, LECTURE_PRESET, type DatasetKind, type DatasetSpec } from '../../src/shared/config';
import {
  DATASET_KIND_INFO,
  DATASET_PARAMS,
  defaultDatasetParams,
  fromStandard,
  makeDataset,
  pointsDataset,
  prepareData,
  splitDataset,
  standardize,
  validateDatasetParams,
  type Dataset,
} from '../../src/engine/datasets';

const GENERATED: DatasetKind[] = [
  'pinwheel',
  'moons',
  'circles',
  'ring',
  'grid',
  'spiral',
  'checkerboard',
  'gaussian',
  'swiss-roll',
  's-curve',
];

const spec = (kind: DatasetKind, params: DatasetSpec['params'] = {}, seed = 0): DatasetSpec => ({
  kind,
  params,
  seed,
  validation: 0,
  standardize: false,
  scaleToUnit: false,
});

const bytes = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function classCounts(d: Dataset): number[] {
  const counts = new Array<number>(d.classes).fill(0);
  for (const l of d.labels) counts[l]++;
  return counts;
}

describe('generated datasets', () => {
  it.each(GENERATED)('%s: same seed gives identical bytes, another seed different ones', (kind) => {
    const a = makeDataset(spec(kind, {}, 7));
    const b = makeDataset(spec(kind, {}, 7));
    const c = makeDataset(spec(kind, {}, 8));
    expect(bytes(a.x)).toEqual(bytes(b.x));
    expect(a.labels).toEqual(b.labels);
    expect(bytes(a.x)).not.toEqual(bytes(c.x));
    expect(a.x.every(Number.isFinite)).toBe(true);
  });

  it.each([
    ['pinwheel', { classes: 3, perClass: 10 }, 2, [10, 10, 10]],
    ['moons', { perClass: 12 }, 2, [12, 12]],
    ['circles', { perClass: 12 }, 2, [12, 12]],
    ['ring', { modes: 8, perClass: 5 }, 2, new Array(8).fill(5)],
    ['grid', { size: 5, perClass: 3 }, 2, new Array(25).fill(3)],
    ['spiral', { perClass: 9 }, 2, [9, 9]],
    ['checkerboard', { size: 4, perClass: 6 }, 2, new Array(8).fill(6)],
    ['checkerboard', { size: 3, perClass: 2 }, 2, new Array(5).fill(2)],
    ['gaussian', { n: 11 }, 2, [11]],
  ] as const)('%s %o: %i columns, class counts', (kind, params, dim, counts) => {
    const d = makeDataset(spec(kind, params));
    expect(d.dim).toBe(dim);
    expect(d.n).toBe(counts.reduce((s, c) => s + c, 0));
    expect(d.x.length).toBe(d.n * d.dim);
    expect(classCounts(d)).toEqual(counts);
  });

  it('orders rows class by class', () => {
    const d = makeDataset(spec('pinwheel', { classes: 3, perClass: 4 }));
    expect(Array.from(d.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('the lecture pinwheel (5 × 800, scale 2.5, seed 10) has E‖x‖² ≈ 6.7', () => {
    const d = makeDataset(LECTURE_PRESET.dataset);
    expect(d.n).toBe(4000);
    let sum = 0;
    for (let i = 0; i < d.n; i++) sum += d.x[2 * i] ** 2 + d.x[2 * i + 1] ** 2;
    const meanSq = sum / d.n;
    // Measured 6.877. Population value 2.5²·(1 + 0.3² + 0.05²) = 6.83, sampling std ≈ 0.06;
    // the lecture's numpy draw printed ≈ 6.7. Tolerance 0.25 around 6.7, 0.15 around 6.83.
    expect(Math.abs(meanSq - 6.7)).toBeLessThan(0.25);
    expect(Math.abs(meanSq - 6.83)).toBeLessThan(0.15);
  });

  it('pinwheel arms: class k sits near angle −2πk/classes − rate·e (the classic clockwise rotation)', () => {
    const d = makeDataset(spec('pinwheel', { classes: 4, perClass: 2000, radialStd: 0, tangentialStd: 0, scale: 1 }));
    for (let k = 0; k < 4; k++) {
      const i = k * 2000;
      const expected = -(2 * Math.PI * k) / 4 - 0.25 * Math.E;
      expect(d.x[2 * i]).toBeCloseTo(Math.cos(expected), 5);
      expect(d.x[2 * i + 1]).toBeCloseTo(Math.sin(expected), 5);
    }
  });

  it('gaussian: sample covariance matches R·diag(std1², std2²)·Rᵀ within 0.03', () => {
    const std1 = 1.5,
      std2 = 0.4,
      angle = 30;
    const d = makeDataset(spec('gaussian', { n: 50000, std1, std2, angle }, 3));
    const a = (angle * Math.PI) / 180,
      c = Math.cos(a),
      s = Math.sin(a);
    const want = [
      c * c * std1 ** 2 + s * s * std2 ** 2,
      c * s * (std1 ** 2 - std2 ** 2),
      s * s * std1 ** 2 + c * c * std2 ** 2,
    ];
    let mx = 0,
      my = 0;
    for (let i = 0; i < d.n; i++) {
      mx += d.x[2 * i];
      my += d.x[2 * i + 1];
    }
    mx /= d.n;
    my /= d.n;
    let sxx = 0,
      sxy = 0,
      syy = 0;
    for (let i = 0; i < d.n; i++) {
      const u = d.x[2 * i] - mx,
        v = d.x[2 * i + 1] - my;
      sxx += u * u;
      sxy += u * v;
      syy += v * v;
    }
    const got = [sxx / (d.n - 1), sxy / (d.n - 1), syy / (d.n - 1)];
    // want = [1.7275, 0.8050, 0.6825]; sampling std of each entry ≤ std1²·√(2/n) ≈ 0.014
    for (let k = 0; k < 3; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(0.03);
    expect(Math.abs(mx)).toBeLessThan(0.03);
  });

  it('circles: class 0 on radius 1, class 1 on radius factor', () => {
    const d = makeDataset(spec('circles', { perClass: 50, factor: 0.3, noise: 0 }));
    for (let i = 0; i < d.n; i++) {
      expect(Math.hypot(d.x[2 * i], d.x[2 * i + 1])).toBeCloseTo(d.labels[i] === 0 ? 1 : 0.3, 5);
    }
  });

  it('grid: 25 modes at spacing 1 centred on 0; checkerboard points lie on dark squares', () => {
    const g = makeDataset(spec('grid', { perClass: 1, std: 0 }));
    expect(Array.from(g.x.slice(0, 4))).toEqual([-2, -2, -1, -2]);
    expect(Array.from(g.x.slice(48, 50))).toEqual([2, 2]);
    const b = makeDataset(spec('checkerboard', { size: 4, perClass: 100, square: 1 }));
    for (let i = 0; i < b.n; i++) {
      const col = Math.floor(b.x[2 * i] + 2),
        row = Math.floor(b.x[2 * i + 1] + 2);
      expect((row + col) % 2).toBe(0);
    }
  });

  it.each(['swiss-roll', 's-curve'] as const)(
    '%s: 3 columns, 2-D latent, colour bins follow the position along the manifold',
    (kind) => {
      const d = makeDataset(spec(kind, { n: 3000, classes: 4, noise: 0 }));
      expect(d.dim).toBe(3);
      expect(d.columns).toEqual(['x', 'y', 'z']);
      expect(d.latentDim).toBe(2);
      expect(d.latent!.length).toBe(6000);
      const counts = classCounts(d);
      expect(counts).toHaveLength(4);
      for (const c of counts) expect(Math.abs(c - 750)).toBeLessThan(120);
      for (let i = 1; i < d.n; i++) {
        if (d.labels[i] > d.labels[0]) expect(d.latent![2 * i]).toBeGreaterThan(d.latent![0]);
      }
      if (kind === 'swiss-roll') {
        const t = d.latent![0];
        expect(d.x[0]).toBeCloseTo(t * Math.cos(t), 4);
        expect(d.x[2]).toBeCloseTo(t * Math.sin(t), 4);
      }
    },
  );
});

describe('parameter registry', () => {
  it('lists every kind, with defaults inside the limits and a description', () => {
    expect(Object.keys(DATASET_PARAMS).sort()).toEqual([...DATASET_KINDS].sort());
    for (const kind of DATASET_KINDS) {
      for (const p of DATASET_PARAMS[kind]) {
        expect(p.description.length).toBeGreaterThan(10);
        expect(p.label.length).toBeGreaterThan(0);
        if (p.type === 'number') {
          expect(p.default).toBeGreaterThanOrEqual(p.min);
          expect(p.default).toBeLessThanOrEqual(p.max);
        }
        if (p.type === 'choice') expect(p.choices).toContain(p.default);
      }
      expect(validateDatasetParams(kind, {})).toEqual(defaultDatasetParams(kind));
    }
  });

  it('refuses an unknown kind and parameters that are not an object', () => {
    expect(() => validateDatasetParams('constructor' as DatasetKind, {})).toThrow(
      'unknown dataset kind "constructor" (known: pinwheel, moons',
    );
    expect(() => validateDatasetParams('moons', null as never)).toThrow(
      'moons: parameters must be an object of names to values, got null',
    );
    expect(Object.keys(DATASET_KIND_INFO).sort()).toEqual([...DATASET_KINDS].sort());
  });

  it('fills defaults and keeps given values; decimal strings count as numbers', () => {
    expect(validateDatasetParams('pinwheel', { classes: 5, perClass: 800, scale: 2.5 })).toEqual({
      classes: 5,
      perClass: 800,
      radialStd: 0.3,
      tangentialStd: 0.05,
      rate: 0.25,
      scale: 2.5,
    });
    expect(validateDatasetParams('moons', { perClass: '40', noise: '2e-1' })).toEqual({ perClass: 40, noise: 0.2 });
  });

  it.each([
    ['pinwheel', { classes: 0 }, 'pinwheel: parameter "classes" is 0; allowed: an integer from 1 to 20'],
    ['pinwheel', { perClass: 2.5 }, 'pinwheel: parameter "perClass" is 2.5; allowed: an integer from 1 to 20000'],
    ['moons', { noise: -0.1 }, 'moons: parameter "noise" is -0.1; allowed: a number from 0 to 2'],
    ['moons', { noise: 'lots' }, 'moons: parameter "noise" is "lots"; allowed: a number from 0 to 2'],
    ['circles', { factor: Number.NaN }, 'circles: parameter "factor" is NaN; allowed: a number from 0.01 to 0.99'],
    ['mnist', { binarize: 'yes' }, 'mnist: parameter "binarize" is "yes"; allowed: "none", "fixed", "resample"'],
    ['mnist', { threshold: 2 }, 'mnist: parameter "threshold" is 2; allowed: a number from 0 to 1'],
    [
      'pinwheel',
      { arms: 5 },
      'pinwheel: unknown parameter "arms" (known: classes, perClass, radialStd, tangentialStd, rate, scale)',
    ],
    ['points', { n: 5 }, 'points: unknown parameter "n" (known: none)'],
  ] as const)('%s %o is refused', (kind, params, message) => {
    expect(() => validateDatasetParams(kind, params)).toThrow(message);
    expect(() => makeDataset(spec(kind, params))).toThrow(message);
  });
});

describe('makeDataset sources', () => {
  it('says which source is missing', () => {
    expect(() => makeDataset(spec('mnist'))).toThrow('dataset "mnist" needs the bytes of resources/mnist-digits.bin');
    expect(() => makeDataset(spec('csv'))).toThrow('dataset "csv" needs the text of a CSV file');
    expect(() => makeDataset(spec('points'))).toThrow('dataset "points" needs the drawn points');
  });

  it('builds csv and points datasets from their sources', () => {
    const csv = makeDataset(spec('csv', { label: 'kind' }), { csvText: 'a,kind\n1,x\n2,y\n3,x\n' });
    expect(Array.from(csv.x)).toEqual([1, 2, 3]);
    expect(Array.from(csv.labels)).toEqual([0, 1, 0]);
    expect(csv.classNames).toEqual(['x', 'y']);
    const pts = makeDataset(spec('points'), {
      points: [
        { x: 1, y: 2, label: 0 },
        { x: -1, y: 0.5, label: 2 },
      ],
    });
    expect(Array.from(pts.x)).toEqual([1, 2, -1, 0.5]);
    expect(pts.classes).toBe(3);
  });
});

describe('points', () => {
  it.each([
    [[{ x: 0, y: 0, label: 0 }], 'points: 1 given, at least 2 are needed'],
    [
      [
        { x: 0, y: 0, label: 0 },
        { x: Number.NaN, y: 0, label: 0 },
      ],
      'points: point 1 has x = NaN; expected a finite number',
    ],
    [
      [
        { x: 0, y: Infinity, label: 0 },
        { x: 0, y: 0, label: 0 },
      ],
      'points: point 0 has y = Infinity; expected a finite number',
    ],
    [
      [
        { x: 0, y: 0, label: 0.5 },
        { x: 0, y: 0, label: 0 },
      ],
      'points: point 0 has label 0.5; expected an integer from -1 to 255',
    ],
  ])('refuses %o', (points, message) => {
    expect(() => pointsDataset(points)).toThrow(message);
  });

  it('refuses more than 100,000 points', () => {
    const many = Array.from({ length: 100_001 }, () => ({ x: 0, y: 0, label: 0 }));
    expect(() => pointsDataset(many)).toThrow('points: 100001 given, at most 100000 are allowed');
  });
});

describe('split and standardise', () => {
  const data = makeDataset(spec('pinwheel', { classes: 5, perClass: 200 }, 4));

  it('holds out round(n·f) rows chosen by the seed, the rest in original order', () => {
    const a = splitDataset(data, 0.2, 9);
    expect(a.train.n).toBe(800);
    expect(a.validation.n).toBe(200);
    expect(a.train.x.length).toBe(1600);
    const b = splitDataset(data, 0.2, 9);
    expect(bytes(a.validation.x)).toEqual(bytes(b.validation.x));
    expect(bytes(splitDataset(data, 0.2, 10).validation.x)).not.toEqual(bytes(a.validation.x));
    // every original row lands in exactly one split
    const rows = (d: Dataset) =>
      Array.from({ length: d.n }, (_, i) => `${d.x[2 * i]},${d.x[2 * i + 1]},${d.labels[i]}`);
    const all = rows(data).sort();
    expect([...rows(a.train), ...rows(a.validation)].sort()).toEqual(all);
    // labels stay non-decreasing: rows kept their class-by-class order
    expect(Array.from(a.train.labels)).toEqual(Array.from(a.train.labels).sort((p, q) => p - q));
  });

  it('a fraction of 0 keeps the dataset as train and an empty validation; bad fractions throw', () => {
    const s = splitDataset(data, 0, 1);
    expect(s.train).toBe(data);
    expect(s.validation.n).toBe(0);
    expect(s.validation.x.length).toBe(0);
    expect(() => splitDataset(data, 1, 1)).toThrow('validation fraction 1 must be at least 0 and below 1');
  });

  it('standardises with the train statistics and maps back', () => {
    const { train, validation } = splitDataset(data, 0.25, 2);
    const s = standardize(train, validation);
    for (let j = 0; j < 2; j++) {
      let m = 0,
        v = 0;
      for (let i = 0; i < s.train.n; i++) m += s.train.x[2 * i + j];
      m /= s.train.n;
      for (let i = 0; i < s.train.n; i++) v += (s.train.x[2 * i + j] - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(1e-5);
      expect(v / s.train.n).toBeCloseTo(1, 4);
    }
    const back = fromStandard(s.transform, s.others[0].x);
    for (let k = 0; k < back.length; k++) expect(back[k]).toBeCloseTo(validation.x[k], 4);
  });

  it('a constant column gets std 1e-8 instead of a division by zero', () => {
    const d = pointsDataset([
      { x: 3, y: 1, label: 0 },
      { x: 3, y: 2, label: 0 },
    ]);
    const s = standardize(d);
    expect(s.transform.std[0]).toBeCloseTo(1e-8, 12);
    expect(Array.from(s.train.x)).toEqual([0, -1, 0, 1]);
  });

  it('prepareData applies the spec’s validation fraction and standardisation', () => {
    const p = prepareData({
      kind: 'moons',
      params: { perClass: 100 },
      seed: 3,
      validation: 0.1,
      standardize: true,
      scaleToUnit: false,
    });
    expect(p.train.n).toBe(180);
    expect(p.validation.n).toBe(20);
    expect(p.transform!.mean).toHaveLength(2);
  });
});
