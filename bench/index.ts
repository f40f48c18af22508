/**
 * `npm run bench [-- --json] [--profile] [--threads 1,2] [--only lecture|mnist|sweep]
 *   [--engines vae-lab,tfjs-wasm,tfjs-cpu] [--epochs N]`
 *
 * Times the two VAE workloads of bench/workloads.ts in our engine and in TensorFlow.js
 * (wasm and cpu backends, one thread), one engine after another in this process, and
 * prints ms per epoch and our speed-up over each. The sweep workload (bench/sweep-workload.ts)
 * times six lecture runs one after another and two at a time (`--epochs` sets each run's epochs).
 * Progress goes to stderr, so with `--json` stdout holds exactly one JSON object. `--profile`
 * prints instead where our engine's epoch goes (bench/profile.ts).
 */
import { cpus } from 'node:os';
import { enableRelaxedSimd } from '../src/engine-host/relaxed-simd-node';
import { parseArgs, type BenchOptions } from './args';
import { formatProfile, profileVaeLab } from './profile';
import { buildReport, formatReport, type EngineName, type EngineResult, type Machine } from './report';
import { timeTfjs, type TfjsTiming } from './tfjs-vae';
import type { EngineTiming } from './timing';
import { timeSweep, type SweepTiming } from './sweep-workload';
import { formatThreadRuns, type ThreadRuns } from './thread-report';
import { timeVaeLab, type VaeLabTiming } from './vae-lab-workload';
import type { WorkloadName } from './workloads';

interface RunPlan {
  /** Timed epochs; a fraction below 1 times that share of an epoch's steps and scales up. */
  epochs: number;
  /** Untimed tfjs steps first (our engine does its own warm-up). */
  warmupSteps?: number;
}

/**
 * Sized for about 1.5 minutes of tfjs on an idle 2-core machine: 30 lecture epochs
 * everywhere (≈ 55 and 170 ms each in tfjs wasm and cpu); MNIST takes ≈ 9 s per epoch in
 * tfjs-wasm (2 timed), ≈ 2.3 s in tfjs-wasm-tuned (3 timed) and ≈ 50 s in tfjs-cpu, which
 * times a fifth of an epoch (16 steps) one step at a time and scales it up.
 */
const PLAN: Record<WorkloadName, Record<EngineName, RunPlan>> = {
  lecture: {
    'vae-lab': { epochs: 30 },
    'tfjs-wasm': { epochs: 30, warmupSteps: 48 },
    'tfjs-wasm-tuned': { epochs: 30, warmupSteps: 48 },
    'tfjs-cpu': { epochs: 30, warmupSteps: 48 },
  },
  mnist: {
    'vae-lab': { epochs: 5 },
    'tfjs-wasm': { epochs: 2, warmupSteps: 10 },
    'tfjs-wasm-tuned': { epochs: 3, warmupSteps: 10 },
    'tfjs-cpu': { epochs: 0.2, warmupSteps: 3 },
  },
};

async function runEngine(workload: WorkloadName, engine: EngineName, plan: RunPlan): Promise<EngineTiming> {
  const backend = engine === 'tfjs-cpu' ? 'cpu' : 'wasm';
  const dense = engine === 'tfjs-wasm-tuned' ? 'explicit-transpose' : 'autodiff';
  return timeTfjs(workload, backend, plan.epochs, { warmupSteps: plan.warmupSteps, dense });
}

function machineInfo(): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Runs the bench for a command line (without `node script`); returns the exit code:
 * 0 done, 2 bad usage. An engine that fails is reported as n/a, not as a failure.
 */
export async function runBench(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (options.profile) return runProfile(options);
  const started = performance.now();
  const machine = machineInfo();
  const workloads: Partial<Record<WorkloadName, Partial<Record<EngineName, EngineResult>>>> = {};
  const byThreads: ThreadRuns = {};
  for (const workload of options.workloads) {
    const results: Partial<Record<EngineName, EngineResult>> = {};
    for (const engine of options.engines) {
      if (engine === 'vae-lab') {
        // every thread count in turn; the comparison rows use the last (the most threads asked for)
        const runs = (byThreads[workload] = {} as Record<number, VaeLabTiming | { error: string }>);
        for (const threads of options.threads) {
          const epochs = options.epochs ?? PLAN[workload][engine].epochs;
          process.stderr.write(`${workload} / vae-lab, ${threads} thread(s): ${epochs} epochs… `);
          try {
            const timing = await timeVaeLab(workload, epochs, threads);
            runs[threads] = results[engine] = timing;
            process.stderr.write(
              `${timing.msPerEpoch.toFixed(1)} ms/epoch${timing.threadNote ? ` (${timing.threadNote})` : ''}\n`,
            );
          } catch (e) {
            runs[threads] = results[engine] = { error: e instanceof Error ? e.message : String(e) };
            process.stderr.write(`n/a (${runs[threads].error})\n`);
          }
        }
        continue;
      }
      const plan =
        options.epochs === undefined ? PLAN[workload][engine] : { ...PLAN[workload][engine], epochs: options.epochs };
      process.stderr.write(`${workload} / ${engine}: ${plan.epochs} epochs… `);
      const t0 = performance.now();
      try {
        const timing = await runEngine(workload, engine, plan);
        Object.assign(machine, tfjsMachineFields((timing as TfjsTiming).backend));
        results[engine] = timing;
        process.stderr.write(
          `${timing.msPerEpoch.toFixed(1)} ms/epoch (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
        );
      } catch (e) {
        results[engine] = { error: e instanceof Error ? e.message : String(e) };
        process.stderr.write(`n/a (${results[engine].error})\n`);
      }
    }
    workloads[workload] = results;
  }
  let sweep: SweepTiming | { error: string } | undefined;
  if (options.sweep) {
    process.stderr.write('sweep: 6 lecture runs, one after another, then 2 at a time… ');
    try {
      sweep = await timeSweep(options.epochs);
      process.stderr.write(`${sweep.speedUp.toFixed(2)}× faster with jobs 2\n`);
    } catch (e) {
      sweep = { error: e instanceof Error ? e.message : String(e) };
      process.stderr.write(`n/a (${sweep.error})\n`);
    }
  }
  const report = {
    ...buildReport(workloads, machine, performance.now() - started),
    threads: byThreads,
    ...(sweep ? { sweep } : {}),
  };
  process.stdout.write(
    (options.json ? JSON.stringify(report, null, 2) : `${formatReport(report)}\n${formatThreadRuns(report)}`) + '\n',
  );
  return 0;
}

const PROFILE_EPOCHS: Record<WorkloadName, { epochs: number; warmup: number }> = {
  lecture: { epochs: 30, warmup: 10 },
  mnist: { epochs: 3, warmup: 1 },
};

async function runProfile(options: BenchOptions): Promise<number> {
  const profiles = [];
  for (const w of options.workloads)
    for (const threads of options.threads) {
      process.stderr.write(`profiling ${w}, ${threads} thread(s)…\n`);
      const plan = PROFILE_EPOCHS[w];
      profiles.push(await profileVaeLab(w, options.epochs ?? plan.epochs, plan.warmup, threads));
    }
  const out = options.json
    ? JSON.stringify({ profiles, machine: machineInfo() }, null, 2)
    : profiles.map(formatProfile).join('\n');
  process.stdout.write(out + '\n');
  return 0;
}

function tfjsMachineFields(info: TfjsTiming['backend']): Record<string, unknown> {
  const fields: Record<string, unknown> = { tfjs: info.tfjsVersion };
  if (info.backend === 'wasm') {
    fields.tfjsWasmThreads = info.wasmThreads;
    fields.tfjsWasmSimd = info.wasmSimd;
    fields.tfjsWasmMultithreadSupport = info.wasmMultithreadSupport;
  }
  return fields;
}

if (require.main === module) {
  enableRelaxedSimd(); // as the CLI does: Node 20 validates relaxed SIMD only with this V8 flag
  runBench(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
