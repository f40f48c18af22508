/** `vae-lab sweep`: a family of `train` runs over one or two settings and seeds, in parallel. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { writeFileAtomic } from '../node-io/atomic-write';
import { APP_VERSION } from '../shared/app-version';
import {
  DEFAULT_SWEEP_VALUES,
  logSpaced,
  MAX_SWEEP_RUNS,
  SWEEP_FLAGS,
  sweepPoints,
  sweepRow,
  validateSweep,
  type SweepDefinition,
  type SweepFlag,
} from '../shared/sweep';
import type { Diagnostics } from '../shared/protocol';
import { encodeSweep, runDiagnostics, type RunDiagnostics, type SweepRun } from '../shared/sweep-file';
import type { CliIo } from './io';
import { parseNumber } from './parse-values';
import { parseSettingFlag } from './setting-flags';
import { checkOutFile, readSessionFile } from './session-files';
import { runSweepJobs } from './sweep-runner';
import { parseTrainOptions } from './train-options';
import { UsageError } from './usage-error';

export const SWEEP_HELP = `vae-lab sweep --param FLAG [--values LIST] [--param2 FLAG --values2 LIST] [--seeds LIST]
              [--jobs N] --out DIR [--log human|jsonl] [every train flag]
  Trains one run per value (a grid with --param2, times every seed), jobs at a time on worker threads.
  Each run is exactly \`vae-lab train\` with its settings and gives the same numbers, to the bit.
  --param FLAG        the swept setting: ${SWEEP_FLAGS.join(', ')}
  --values LIST       comma-separated values (e.g. 0.01,0.1,1), or A..B:N for N log-spaced values;
                      default for beta ${DEFAULT_SWEEP_VALUES.beta}, for sigma2 ${DEFAULT_SWEEP_VALUES.sigma2}
  --param2 FLAG       a second swept setting, for a grid (at most ${MAX_SWEEP_RUNS} runs in all)
  --values2 LIST      its values
  --seeds LIST        training seeds of every grid point (default: the one --seed)
  --jobs N            runs at the same time (default: every core, here ${availableParallelism()})
  --out DIR           an existing folder: run-NN.vaelab per run, summary.csv, sweep.vaelab-sweep
  --log human|jsonl   a table of final metrics, or one JSON object per finished run and a summary`;

const OWN_FLAGS = ['param', 'values', 'param2', 'values2', 'seeds', 'jobs', 'out', 'log'] as const;
const REFUSED = ['resume', 'name', 'eval-every', 'print-every', 'help'];

interface SweepArgs {
  own: Partial<Record<(typeof OWN_FLAGS)[number], string>>;
  rest: string[];
}

function splitArgs(argv: string[]): SweepArgs {
  const own: SweepArgs['own'] = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1] as (typeof OWN_FLAGS)[number] | undefined;
    if (m && name && (OWN_FLAGS as readonly string[]).includes(name)) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (own[name] !== undefined) throw new UsageError(`--${name} is given twice`);
      own[name] = value;
    } else if (m && REFUSED.includes(m[1])) throw new UsageError(`--${m[1]} does not go with sweep`);
    else rest.push(arg);
  }
  return { own, rest };
}

function parseFlag(option: string, text: string | undefined): SweepFlag {
  if (text === undefined) throw new UsageError(`--${option} is required (one of ${SWEEP_FLAGS.join(', ')})`);
  if (!(SWEEP_FLAGS as readonly string[]).includes(text))
    throw new UsageError(`--${option} ${text}: not a setting a sweep can vary (one of ${SWEEP_FLAGS.join(', ')})`);
  return text as SweepFlag;
}

/** `0.01,0.1,1` or `A..B:N`, each value checked against the setting's limits. */
export function parseSweepValues(option: string, flag: SweepFlag, text: string | undefined): number[] {
  const given = text ?? DEFAULT_SWEEP_VALUES[flag];
  if (given === undefined) throw new UsageError(`--${option} is required for --${flag} (a comma-separated list)`);
  const row = sweepRow(flag);
  const one = (t: string) => {
    try {
      return parseSettingFlag(row, t) as number;
    } catch (e) {
      throw new UsageError(`--${option} ${given}: ${(e as Error).message}`);
    }
  };
  const range = /^(.+)\.\.(.+):(.+)$/.exec(given);
  if (range) {
    const a = one(range[1]);
    const b = one(range[2]);
    let n: number;
    try {
      n = parseNumber('N', range[3], { min: 1, max: MAX_SWEEP_RUNS, integer: true });
    } catch (e) {
      throw new UsageError(`--${option} ${given}: the count ${(e as Error).message.replace(/^--N:? ?/, '')}`);
    }
    if (a <= 0 || b <= 0) throw new UsageError(`--${option} ${given}: log-spaced values need ends above 0`);
    if (row.setting.limit.integer)
      throw new UsageError(`--${option} ${given}: --${flag} takes a list, not a log range`);
    return logSpaced(a, b, n);
  }
  return given.split(',').map((t) => one(t.trim()));
}

const csvCell = (x: unknown) =>
  x === null || x === undefined ? '' : /[",\n]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x);

function summaryCsv(def: SweepDefinition, runs: SweepRun[]): string {
  const swept: SweepFlag[] = [def.param, ...(def.param2 ? [def.param2] : []), ...(def.seeds ? ['seed' as const] : [])];
  const k = Math.max(0, ...runs.map((r) => r.diagnostics?.klPerDim.length ?? 0));
  const head = [
    'run',
    ...swept,
    'status',
    'neg_elbo',
    'recon',
    'kl',
    'active_units',
    ...Array.from({ length: k }, (_, j) => `kl_dim${j + 1}`),
    'mutual_info',
    'rate',
    'distortion',
    'mutual_info_se',
    'neg_log_px',
    'neg_log_px_se',
    'neg_log_px_method',
    'file',
    'message',
  ];
  const lines = runs.map((r) => {
    const d = r.diagnostics;
    return [
      r.index + 1,
      ...swept.map((f) => r.values[f]),
      r.status,
      d?.negElbo,
      d?.recon,
      d?.kl,
      d?.activeUnits,
      ...Array.from({ length: k }, (_, j) => d?.klPerDim[j]),
      d?.mutualInfo,
      d?.rate,
      d?.distortion,
      d?.se?.mutualInfo,
      d?.likelihood?.negLogPx,
      d?.likelihood?.se,
      d?.likelihood && (d.likelihood.method === 'exact' ? 'exact' : `iwae_k${d.likelihood.k}`),
      r.file,
      r.message,
    ]
      .map(csvCell)
      .join(',');
  });
  return [head.join(','), ...lines].join('\n') + '\n';
}

function pickDiagnostics(d: Record<string, unknown> | null | undefined): RunDiagnostics | null {
  return d ? runDiagnostics(d as unknown as Diagnostics) : null;
}

const f4 = (x: number | undefined) => (x === undefined ? '' : x.toFixed(4));
/** A Monte-Carlo figure with its standard error (files from before errors were kept have none). */
const withSe = (x: number | undefined, se: number | undefined) =>
  x === undefined ? '' : se === undefined ? f4(x) : `${f4(x)} ± ${f4(se)}`;

/** −log p(x) as the table shows it: how it was computed, and ± where it is an estimate or a subset. */
function likelihoodCell(d: RunDiagnostics | null): string {
  const l = d?.likelihood;
  if (!l) return '';
  const how = l.method === 'exact' ? 'exact' : `-L_${l.k}`;
  return `${l.se > 0 ? withSe(l.negLogPx, l.se) : f4(l.negLogPx)} ${how}`;
}

/** Returns the exit code: 0 every run done, 1 some run failed or diverged. */
export async function sweepCommand(argv: string[], io: CliIo): Promise<number> {
  const { own, rest } = splitArgs(argv);
  const param = parseFlag('param', own.param);
  const values = parseSweepValues('values', param, own.values);
  const param2 = own.param2 === undefined ? undefined : parseFlag('param2', own.param2);
  if (own.values2 !== undefined && param2 === undefined) throw new UsageError('--values2 needs --param2');
  const values2 = param2 === undefined ? undefined : parseSweepValues('values2', param2, own.values2);
  const seeds = own.seeds === undefined ? undefined : parseSweepValues('seeds', 'seed', own.seeds);
  let def: SweepDefinition;
  try {
    def = validateSweep({ param, values, param2, values2, seeds }, 'sweep');
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^sweep\.(\w+): /, (_, f: string) => `--${f}: `));
  }
  const log = own.log ?? 'human';
  if (log !== 'human' && log !== 'jsonl') throw new UsageError(`--log ${log}: expected human or jsonl`);
  const jobs =
    own.jobs === undefined
      ? availableParallelism()
      : parseNumber('jobs', own.jobs, { min: 1, max: MAX_SWEEP_RUNS, integer: true });
  const dir = own.out;
  if (dir === undefined) throw new UsageError('--out DIR is required (an existing folder for the runs)');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`--out ${dir}: no such folder`);
  }
  if (!isDir) throw new UsageError(`--out ${dir}: is a file, not a folder`);
  for (const r of rest) {
    const m = /^--([a-z0-9-]+)/.exec(r);
    if (m && (m[1] === param || m[1] === param2 || (seeds && m[1] === 'seed')))
      throw new UsageError(
        `--${m[1]} is swept; give its values with --values${m[1] === param2 ? '2' : m[1] === 'seed' ? ' or --seeds' : ''}`,
      );
  }
  const points = sweepPoints(def);
  const width = String(points.length).length;
  const files = points.map((p) => `run-${String(p.index + 1).padStart(Math.max(2, width), '0')}.vaelab`);
  const label = (p: (typeof points)[number]) =>
    Object.entries(p.values)
      .map(([f, x]) => `${f}=${x}`)
      .join(' ');
  const runArgv = points.map((p, i) => [
    ...rest,
    ...Object.entries(p.values).flatMap(([f, x]) => [`--${f}=${x}`]),
    '--out',
    join(dir, files[i]),
    '--name',
    label(p),
    '--log',
    'jsonl',
  ]);
  // Every run's flags and every file are checked before any training starts.
  for (const a of runArgv) parseTrainOptions(a);
  for (const f of files) checkOutFile(join(dir, f), '--out');
  const sweepPath = join(dir, 'sweep.vaelab-sweep');
  checkOutFile(sweepPath, '--out');
  checkOutFile(join(dir, 'summary.csv'), '--out');
  const human = log === 'human';
  if (human)
    io.out(
      `Sweep of ${points.length} runs (${label({ index: 0, values: { [param]: values[0] } }).split('=')[0]}${param2 ? ` × ${param2}` : ''}${seeds ? ' × seed' : ''}), ${Math.min(jobs, points.length)} at a time`,
    );
  const epochs = new Array<number>(points.length).fill(0);
  const outcomes = await runSweepJobs(runArgv, jobs, (e) => {
    if (e.type === 'epoch') {
      epochs[e.run] = e.epoch;
      if (human) io.status?.(`runs at epoch ${epochs.join(' ')}`);
      return;
    }
    const o = e.outcome;
    if (human) io.out(`run ${e.run + 1} (${label(points[e.run])}): ${o.status}${o.message ? ` (${o.message})` : ''}`);
    else
      io.out(
        JSON.stringify({
          type: 'run',
          run: e.run + 1,
          values: points[e.run].values,
          status: o.status,
          message: o.message,
          file: files[e.run],
          diagnostics: pickDiagnostics(o.summary?.diagnostics as Record<string, unknown> | null),
        }),
      );
  });
  if (human) io.status?.('');
  const runs: SweepRun[] = points.map((p, i) => {
    const o = outcomes[i];
    const session = o.status === 'failed' ? null : readSessionFile(join(dir, files[i])).session;
    return {
      index: i,
      values: p.values,
      status: o.status,
      message: o.message,
      file: files[i],
      diagnostics: pickDiagnostics(o.summary?.diagnostics as Record<string, unknown> | null),
      session,
    };
  });
  writeFileAtomic(join(dir, 'summary.csv'), summaryCsv(def, runs));
  const warning = writeFileAtomic(
    sweepPath,
    encodeSweep({ appVersion: APP_VERSION, createdAt: new Date().toISOString(), definition: def, runs }),
  ).warning;
  if (warning) io.err(`vae-lab sweep: ${warning}`);
  const done = runs.filter((r) => r.status === 'done').length;
  if (human) {
    const head = ['run', 'values', 'status', '-ELBO', 'recon', 'KL', 'active', 'I(x;z)', '-log p(x)'];
    const rows = runs.map((r) => {
      const d = r.diagnostics;
      return [
        String(r.index + 1),
        label(points[r.index]),
        r.status,
        withSe(d?.negElbo, d?.se?.negElbo),
        withSe(d?.recon, d?.se?.recon),
        f4(d?.kl),
        d ? String(d.activeUnits) : '',
        withSe(d?.mutualInfo, d?.se?.mutualInfo),
        likelihoodCell(d),
      ];
    });
    const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
    const line = (cells: string[]) => cells.map((c, j) => (j < 3 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  ');
    io.out(line(head));
    for (const r of rows) io.out(line(r));
    io.out(
      'Nats per example; ± is one standard error. KL is in closed form; -log p(x) is exact by quadrature, or the bound -L_k.',
    );
    io.out(`${done} of ${runs.length} runs done. Saved ${sweepPath} and ${join(dir, 'summary.csv')}`);
  } else
    io.out(
      JSON.stringify({
        type: 'summary',
        runs: runs.length,
        done,
        diverged: runs.filter((r) => r.status === 'diverged').length,
        failed: runs.filter((r) => r.status === 'failed').length,
        sweep: sweepPath,
        csv: join(dir, 'summary.csv'),
      }),
    );
  return done === runs.length ? 0 : 1;
}
