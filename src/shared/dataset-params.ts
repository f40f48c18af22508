/**
 * The parameters of every dataset kind: name, label, default, limits, one-line description.
 * The CLI lists and checks them, the UI renders them as controls. Pure data plus one
 * validator, importing only types from shared, so it can move to shared if the UI needs it.
 */
import type { DatasetKind } from './config';

interface ParamBase {
  name: string;
  label: string;
  description: string;
}

export interface NumberParam extends ParamBase {
  type: 'number';
  default: number;
  min: number;
  max: number;
  integer?: boolean;
}

export interface ChoiceParam extends ParamBase {
  type: 'choice';
  default: string;
  choices: readonly string[];
}

/** Free text, e.g. a column name. */
export interface TextParam extends ParamBase {
  type: 'text';
  default: string;
  maxLength: number;
}

export type ParamSpec = NumberParam | ChoiceParam | TextParam;

/** The CSV delimiter choices, by name (a command line cannot easily pass a tab). */
export const CSV_DELIMITERS = ['auto', 'comma', 'semicolon', 'tab'] as const;
export const CSV_DELIMITER_CHARS = { comma: ',', semicolon: ';', tab: '\t' } as const;
/** What separates the names or numbers in the `ignore` parameter. */
export const CSV_IGNORE_SEPARATOR = ';';
export type DatasetParams = Record<string, number | string>;

const int = (name: string, label: string, def: number, min: number, max: number, description: string): NumberParam => ({
  type: 'number',
  name,
  label,
  default: def,
  min,
  max,
  integer: true,
  description,
});
const real = (
  name: string,
  label: string,
  def: number,
  min: number,
  max: number,
  description: string,
): NumberParam => ({
  type: 'number',
  name,
  label,
  default: def,
  min,
  max,
  description,
});

const PER_CLASS = (def: number): NumberParam =>
  int('perClass', 'Points per class', def, 1, 20000, 'How many points each class gets.');
const N_POINTS = (def: number): NumberParam => int('n', 'Points', def, 2, 100000, 'How many points to draw.');
const BINS = int(
  'classes',
  'Colour bins',
  4,
  1,
  12,
  'Position along the manifold is cut into this many classes, for colouring.',
);

/** A name and one line for each kind, for menus and `--help`; `dim` is the data's width (0: from the file). */
export const DATASET_KIND_INFO: Record<DatasetKind, { label: string; description: string; dim: number }> = {
  pinwheel: {
    label: 'Pinwheel',
    description: "Twisted Gaussian arms (Johnson et al. 2016), the lecture's data.",
    dim: 2,
  },
  moons: { label: 'Two moons', description: 'Two interleaving half circles with noise.', dim: 2 },
  circles: { label: 'Circles', description: 'Two concentric noisy circles.', dim: 2 },
  ring: {
    label: 'Ring of Gaussians',
    description: 'Gaussians evenly spaced on a circle: a mode-collapse test.',
    dim: 2,
  },
  grid: { label: 'Grid of Gaussians', description: 'A square grid of small Gaussians.', dim: 2 },
  spiral: { label: 'Spiral', description: 'Two intertwined spiral arms.', dim: 2 },
  checkerboard: { label: 'Checkerboard', description: 'Uniform points on the dark squares of a board.', dim: 2 },
  gaussian: {
    label: 'Correlated Gaussian',
    description: 'One rotated Gaussian: the linear VAE recovers its axes.',
    dim: 2,
  },
  'swiss-roll': { label: 'Swiss roll', description: 'A rolled-up 2-D sheet in 3-D.', dim: 3 },
  's-curve': { label: 'S-curve', description: 'An S-shaped 2-D sheet in 3-D.', dim: 3 },
  mnist: { label: 'MNIST digits', description: '10,000 handwritten digits, 28×28 grey levels.', dim: 784 },
  csv: { label: 'CSV file', description: 'Numeric columns of a CSV file, optionally a label column.', dim: 0 },
  points: { label: 'Drawn points', description: 'Points drawn by hand on the canvas.', dim: 2 },
};

/** Parameters of each dataset kind, in the order a form shows them. */
export const DATASET_PARAMS: Record<DatasetKind, readonly ParamSpec[]> = {
  pinwheel: [
    int('classes', 'Arms', 5, 1, 20, 'Number of arms (classes) of the pinwheel.'),
    PER_CLASS(800),
    real('radialStd', 'Radial std', 0.3, 0, 2, 'Spread along each arm before the twist.'),
    real('tangentialStd', 'Tangential std', 0.05, 0, 2, 'Thickness of each arm before the twist.'),
    real('rate', 'Twist rate', 0.25, 0, 2, 'How strongly points further out are rotated: angle += rate·exp(r).'),
    real('scale', 'Scale', 2.5, 0.01, 100, 'Every coordinate is multiplied by this.'),
  ],
  moons: [PER_CLASS(500), real('noise', 'Noise std', 0.1, 0, 2, 'Gaussian noise added to each coordinate.')],
  circles: [
    PER_CLASS(500),
    real('factor', 'Inner radius', 0.5, 0.01, 0.99, 'Radius of the inner circle; the outer one has radius 1.'),
    real('noise', 'Noise std', 0.05, 0, 2, 'Gaussian noise added to each coordinate.'),
  ],
  ring: [
    int('modes', 'Modes', 8, 2, 64, 'Number of Gaussians evenly spaced on the circle.'),
    PER_CLASS(250),
    real('radius', 'Radius', 2, 0.01, 100, 'Radius of the circle the modes sit on.'),
    real('std', 'Mode std', 0.1, 0, 10, 'Standard deviation of each Gaussian.'),
  ],
  grid: [
    int('size', 'Grid size', 5, 1, 10, 'The grid has size × size Gaussians.'),
    PER_CLASS(100),
    real('spacing', 'Spacing', 1, 0.01, 100, 'Distance between neighbouring modes.'),
    real('std', 'Mode std', 0.05, 0, 10, 'Standard deviation of each Gaussian.'),
  ],
  spiral: [
    PER_CLASS(500),
    real('turns', 'Turns', 1.5, 0.1, 5, 'How many full turns each arm makes.'),
    real('radius', 'Radius', 2, 0.01, 100, 'Radius at the end of each arm.'),
    real('noise', 'Noise std', 0.05, 0, 2, 'Gaussian noise added to each coordinate.'),
  ],
  checkerboard: [
    int('size', 'Board size', 4, 2, 10, 'The board has size × size squares; points fill every other one.'),
    PER_CLASS(250),
    real('square', 'Square side', 1, 0.01, 100, 'Side length of one square.'),
  ],
  gaussian: [
    N_POINTS(2000),
    real('std1', 'Std along axis 1', 1, 0, 100, 'Standard deviation along the first principal axis.'),
    real('std2', 'Std along axis 2', 0.25, 0, 100, 'Standard deviation along the second principal axis.'),
    real('angle', 'Angle (degrees)', 30, -180, 180, 'Rotation of the first axis from the x axis, counter-clockwise.'),
  ],
  'swiss-roll': [
    N_POINTS(2000),
    real('noise', 'Noise std', 0.05, 0, 5, 'Gaussian noise added to each coordinate.'),
    BINS,
  ],
  's-curve': [N_POINTS(2000), real('noise', 'Noise std', 0.05, 0, 2, 'Gaussian noise added to each coordinate.'), BINS],
  mnist: [
    int('count', 'Digits', 10000, 1, 10000, 'How many digits to use, taken so that every class is represented.'),
    {
      type: 'choice',
      name: 'binarize',
      label: 'Binarise',
      default: 'none',
      choices: ['none', 'fixed', 'resample'],
      description: 'none: grey levels; fixed: grey > threshold; resample: a fresh Bernoulli(grey) draw every epoch.',
    },
    real('threshold', 'Threshold', 0.5, 0, 1, 'Grey level above which a pixel is 1 when binarising with "fixed".'),
  ],
  csv: [
    {
      type: 'text',
      name: 'label',
      label: 'Label column',
      default: '',
      maxLength: 200,
      description: 'Name or 1-based number of the column holding class labels; empty for none.',
    },
    {
      type: 'choice',
      name: 'header',
      label: 'Header row',
      default: 'auto',
      choices: ['auto', 'yes', 'no'],
      description: 'Whether the first row holds column names; auto: yes when a column has text above a number.',
    },
    {
      type: 'choice',
      name: 'delimiter',
      label: 'Delimiter',
      default: 'auto',
      choices: CSV_DELIMITERS,
      description: 'What separates the cells; auto takes the one the first line uses most.',
    },
    {
      type: 'text',
      name: 'ignore',
      label: 'Ignored columns',
      default: '',
      maxLength: 2000,
      description: 'Columns left out of the data: names or 1-based numbers, separated by semicolons.',
    },
  ],
  points: [],
};

/** The defaults of one kind's parameters. */
export function defaultDatasetParams(kind: DatasetKind): DatasetParams {
  const out: DatasetParams = {};
  for (const p of paramsOf(kind)) out[p.name] = p.default;
  return out;
}

/**
 * Checks `params` against the registry and returns them complete (defaults filled).
 * Numbers may come as decimal strings (from a command line). Throws an Error naming the
 * parameter, the value and what is allowed.
 */
export function validateDatasetParams(kind: DatasetKind, params: Readonly<DatasetParams>): DatasetParams {
  const specs = paramsOf(kind);
  const out = defaultDatasetParams(kind);
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new Error(`${kind}: parameters must be an object of names to values, got ${JSON.stringify(params)}`);
  }
  for (const [name, value] of Object.entries(params)) {
    const spec = specs.find((p) => p.name === name);
    if (!spec) {
      const known = specs.length ? specs.map((p) => p.name).join(', ') : 'none';
      throw new Error(`${kind}: unknown parameter "${name}" (known: ${known})`);
    }
    out[name] = checkParam(kind, spec, value);
  }
  return out;
}

function paramsOf(kind: DatasetKind): readonly ParamSpec[] {
  const specs = Object.hasOwn(DATASET_PARAMS, kind) ? DATASET_PARAMS[kind] : undefined;
  if (!specs) throw new Error(`unknown dataset kind "${kind}" (known: ${Object.keys(DATASET_PARAMS).join(', ')})`);
  return specs;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function checkParam(kind: DatasetKind, spec: ParamSpec, value: unknown): number | string {
  const where = `${kind}: parameter "${spec.name}"`;
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (spec.type === 'choice') {
    if (typeof value !== 'string' || !spec.choices.includes(value)) {
      throw new Error(`${where} is ${shown}; allowed: ${spec.choices.map((c) => `"${c}"`).join(', ')}`);
    }
    return value;
  }
  if (spec.type === 'text') {
    if (typeof value !== 'string') throw new Error(`${where} is ${shown}; expected text`);
    if (value.length > spec.maxLength)
      throw new Error(`${where} is ${value.length} characters long; at most ${spec.maxLength} allowed`);
    return value;
  }
  const v = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value;
  const range = `${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}`;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < spec.min ||
    v > spec.max ||
    (spec.integer && !Number.isInteger(v))
  ) {
    throw new Error(`${where} is ${shown}; allowed: ${range}`);
  }
  return v;
}
