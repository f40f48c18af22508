#!/usr/bin/env node
import { enableRelaxedSimd } from '../engine-host/relaxed-simd-node';
import { SaveError } from '../node-io/atomic-write';
import { EVAL_HELP, evalCommand } from './eval';
import { EXPORT_HELP, exportCommand, IMPORT_HELP, importCommand } from './export';
import { dropLinesWhenStdoutCloses, PROCESS_IO, type CliIo } from './io';
import { SWEEP_HELP, sweepCommand } from './sweep';
import { runSweepWorker } from './sweep-worker';
import { TRAIN_HELP } from './train-options';
import { trainCommand } from './train';
import { UsageError } from './usage-error';

const HELP = `vae-lab — train and inspect variational autoencoders from the command line

Commands
  train     train a VAE (vae-lab train --help for every option; --preset lecture is the lecture's run);
            --out FILE.vaelab saves the session, --resume FILE.vaelab --epochs N continues it
  sweep     train a family of runs over one or two settings and seeds in parallel (vae-lab sweep --help)
  eval      whole-dataset diagnostics of a saved session (vae-lab eval FILE.vaelab [--iwae K])
  export    write the model for PyTorch or ONNX (vae-lab export FILE.vaelab --to pytorch|onnx --out DIR)
  import    a PyTorch export's (trained) weights back into a session (vae-lab import DIR --out FILE.vaelab)
  bench     time the engine against TensorFlow.js (npm run bench)

${TRAIN_HELP}`;

/** Runs one command line; returns the exit code (0 ok, 1 failed run, 2 bad usage). */
export async function runCli(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      const helps: Record<string, string> = {
        train: TRAIN_HELP,
        eval: EVAL_HELP,
        sweep: SWEEP_HELP,
        export: EXPORT_HELP,
        import: IMPORT_HELP,
      };
      io.out(helps[command] ?? HELP);
      return 0;
    }
    if (command === 'train') return trainCommand(rest, io);
    if (command === 'eval') return evalCommand(rest, io);
    if (command === 'sweep') return await sweepCommand(rest, io);
    if (command === 'export') return exportCommand(rest, io);
    if (command === 'import') return importCommand(rest, io);
    if (command === 'bench') return await benchCommand(rest);
    throw new UsageError(`unknown command "${command}" (commands: train, sweep, eval, export, import, bench)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vae-lab ${command}: ${e.message}`);
      io.err(
        `Run "vae-lab ${['train', 'eval', 'sweep', 'export', 'import'].includes(command) ? `${command} ` : ''}--help" for the options.`,
      );
      return 2;
    }
    if (e instanceof SaveError) {
      io.err(`vae-lab ${command}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function benchCommand(argv: string[]): Promise<number> {
  const { runBench } = await import('../../bench/index');
  return runBench(argv);
}

/** The process entry: runs the command line of this process and sets its exit code. */
export function main(): void {
  enableRelaxedSimd(); // before any kernel is built; sweep threads share the process's V8 flags
  dropLinesWhenStdoutCloses();
  runCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`vae-lab: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

// A sweep's worker thread runs the bundle too (src/cli/sweep-runner.ts).
if (!runSweepWorker() && require.main === module) main();
