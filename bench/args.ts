/** The bench's command line. */
import { ENGINE_NAMES, type EngineName } from './report';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads';

export interface BenchOptions {
  json: boolean;
  workloads: WorkloadName[];
  engines: EngineName[];
  epochs?: number;
  /** Run the sweep workload (bench/sweep-workload.ts). */
  sweep: boolean;
  /** Time split of our engine per epoch instead of the comparison. */
  profile: boolean;
  /** Thread counts our engine is timed with, each in turn. */
  threads: number[];
}

/** Parses the command line; throws with a usage hint on anything unknown. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    json: false,
    profile: false,
    threads: [1],
    workloads: [...WORKLOAD_NAMES],
    engines: [...ENGINE_NAMES],
    sweep: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--threads') {
      options.threads = value()
        .split(',')
        .map((t) => Number(t.trim()));
      if (!options.threads.every((t) => Number.isInteger(t) && t >= 1 && t <= 16))
        throw new Error('--threads needs a list of whole numbers from 1 to 16, e.g. 1,2');
    } else if (arg === '--only') {
      const only = oneOf(value(), [...WORKLOAD_NAMES, 'sweep'] as const, '--only');
      options.workloads = only === 'sweep' ? [] : [only];
      options.sweep = only === 'sweep';
    } else if (arg === '--engines')
      options.engines = value()
        .split(',')
        .map((e) => oneOf(e.trim(), ENGINE_NAMES, '--engines'));
    else if (arg === '--epochs') {
      const n = Number(value());
      if (!(n > 0)) throw new Error('--epochs needs a positive number');
      options.epochs = n;
    } else
      throw new Error(
        `unknown option ${arg}; usage: bench [--json] [--profile] [--threads 1,2] [--only lecture|mnist|sweep] [--engines ${ENGINE_NAMES.join(',')}] [--epochs N]`,
      );
  }
  return options;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${option}: ${value} is not one of ${allowed.join(', ')}`);
  return value as T;
}
