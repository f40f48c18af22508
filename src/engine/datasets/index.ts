/** Datasets: build one from its spec, split it, standardise it. */
import type { DatasetKind, DatasetSpec } from '../../shared/config';
import type { Dataset } from './dataset';
import { parseCsv } from './csv';
import { sCurve, swissRoll, type ManifoldParams } from './manifolds-3d';
import { gaussian, grid, ring, type GaussianParams, type GridParams, type RingParams } from './mixtures';
import { decodeMnist, type MnistParams } from './mnist';
import { validateDatasetParams, type DatasetParams } from '../../shared/dataset-params';
import { csvOptions } from '../../shared/csv-params';
import { pinwheel, type PinwheelParams } from './pinwheel';
import { pointsDataset, type LabelledPoint } from './points';
import {
  checkerboard,
  circles,
  moons,
  spiral,
  type CheckerboardParams,
  type CirclesParams,
  type MoonsParams,
  type SpiralParams,
} from './shapes-2d';
import { splitDataset } from './split';
import { standardize, type StandardizeTransform } from './standardize';
import { scaleToUnit } from './unit-scale';

export type { Dataset } from './dataset';
export {
  DATASET_KIND_INFO,
  DATASET_PARAMS,
  defaultDatasetParams,
  validateDatasetParams,
} from '../../shared/dataset-params';
export type { ChoiceParam, DatasetParams, NumberParam, ParamSpec, TextParam } from '../../shared/dataset-params';
export { bernoulliProblem } from './bernoulli-range';
export { dataChecksum } from './checksum';
export { CsvError, parseCsv, type CsvOptions, type CsvProblem } from './csv';
export { decodeCsvBytes, firstBadUtf8Byte } from './csv';
export { decodeMnist, type MnistBinarize, type MnistParams } from './mnist';
export { pointsDataset, type LabelledPoint } from './points';
export { splitDataset, subsetRows } from './split';
export { fitStandardize, fromStandard, standardize, toStandard, type StandardizeTransform } from './standardize';
export { fitUnitScale, scaleToUnit } from './unit-scale';
export { pinwheel } from './pinwheel';
export { checkerboard, circles, moons, spiral } from './shapes-2d';
export { gaussian, grid, ring } from './mixtures';
export { sCurve, swissRoll } from './manifolds-3d';

/** What a dataset is made from when it is not generated: the callers do the I/O. */
export interface DatasetSources {
  /** Bytes of resources/mnist-digits.bin. */
  mnistBytes?: Uint8Array;
  csvText?: string;
  points?: readonly LabelledPoint[];
  /** Data built already (e.g. the points embedded in a saved session): used as it is. */
  dataset?: Dataset;
}

type Generator = (p: DatasetParams, seed: number, sources: DatasetSources) => Dataset;

/** `params` have passed validateDatasetParams, so each cast matches the registry. */
const as = <T>(p: DatasetParams): T => p as unknown as T;

const GENERATORS: Record<DatasetKind, Generator> = {
  pinwheel: (p, seed) => pinwheel(as<PinwheelParams>(p), seed),
  moons: (p, seed) => moons(as<MoonsParams>(p), seed),
  circles: (p, seed) => circles(as<CirclesParams>(p), seed),
  ring: (p, seed) => ring(as<RingParams>(p), seed),
  grid: (p, seed) => grid(as<GridParams>(p), seed),
  spiral: (p, seed) => spiral(as<SpiralParams>(p), seed),
  checkerboard: (p, seed) => checkerboard(as<CheckerboardParams>(p), seed),
  gaussian: (p, seed) => gaussian(as<GaussianParams>(p), seed),
  'swiss-roll': (p, seed) => swissRoll(as<ManifoldParams>(p), seed),
  's-curve': (p, seed) => sCurve(as<ManifoldParams>(p), seed),
  mnist: (p, seed, s) =>
    decodeMnist(need(s.mnistBytes, 'mnist', 'the bytes of resources/mnist-digits.bin'), as<MnistParams>(p), seed),
  csv: (p, _seed, s) => parseCsv(need(s.csvText, 'csv', 'the text of a CSV file'), csvOptions(p)),
  points: (_p, _seed, s) => pointsDataset(need(s.points, 'points', 'the drawn points')),
};

function need<T>(value: T | undefined, kind: DatasetKind, what: string): T {
  if (value === undefined) throw new Error(`dataset "${kind}" needs ${what}, and none was given`);
  return value;
}

/** Builds the dataset a spec describes: parameters are validated (defaults filled) first. */
export function makeDataset(spec: DatasetSpec, sources: DatasetSources = {}): Dataset {
  const params = validateDatasetParams(spec.kind, spec.params);
  return GENERATORS[spec.kind](params, spec.seed, sources);
}

export interface PreparedData {
  train: Dataset;
  validation: Dataset;
  /**
   * Present when the spec standardises or scales to [0, 1]: x' = (x − mean) / std per column
   * (for [0, 1], mean = min and std = max − min); fromStandard maps decoded values back.
   */
  transform?: StandardizeTransform;
  /** Which of the two the transform is. */
  scaling?: 'standard' | 'unit';
}

/** Salt of the split's seed, so the held-out choice is not drawn from the data's own stream. */
const SPLIT_SEED_SALT = 0x5bd1e995;

/**
 * makeDataset (unless the sources hold the built dataset), then scaling to [0, 1] if the spec
 * asks, then the spec's validation split, then standardisation if the spec asks.
 */
export function prepareData(spec: DatasetSpec, sources: DatasetSources = {}): PreparedData {
  const splitSeed = (spec.seed ^ SPLIT_SEED_SALT) >>> 0;
  const built = sources.dataset ?? makeDataset(spec, sources);
  if (spec.scaleToUnit) {
    if (spec.standardize)
      throw new Error('dataset: standardising and scaling to [0, 1] exclude each other; choose one');
    if (spec.kind === 'mnist')
      throw new Error('dataset: MNIST grey levels lie in [0, 1] already; turn scaling to [0, 1] off');
    const scaled = scaleToUnit(built);
    return { ...splitDataset(scaled.data, spec.validation, splitSeed), transform: scaled.transform, scaling: 'unit' };
  }
  const { train, validation } = splitDataset(built, spec.validation, splitSeed);
  if (!spec.standardize) return { train, validation };
  const s = standardize(train, validation);
  return { train: s.train, validation: s.others[0], transform: s.transform, scaling: 'standard' };
}
