#!/usr/bin/env node
import { SaveError } from '../node-io/atomic-write';
import { EVAL_HELP, evalCommand } from './eval';
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
      io.out(
        command === 'train' ? TRAIN_HELP : command === 'eval' ? EVAL_HELP : command === 'sweep' ? SWEEP_HELP : HELP,
      );
      return 0;
    }
    if (command === 'train') return trainCommand(rest, io);
    if (command === 'eval') return evalCommand(rest, io);
    if (command === 'sweep') return await sweepCommand(rest, io);
    if (command === 'bench') return await benchCommand(rest);
    throw new UsageError(`unknown command "${command}" (commands: train, sweep, eval, bench)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vae-lab ${command}: ${e.message}`);
      io.err(
        `Run "vae-lab ${command === 'train' || command === 'eval' || command === 'sweep' ? `${command} ` : ''}--help" for the options.`,
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
