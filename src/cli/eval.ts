/** `vae-lab eval FILE.vaelab`: whole-dataset diagnostics of a saved session. */
import { parseArgs } from 'node:util';
import { evaluate } from '../engine/diagnostics';
import { Trainer } from '../engine/trainer';
import type { CliIo } from './io';
import { joinNegativeValues, parseChoice, parseNumber } from './parse-values';
import { sessionRunData } from './session-data';
import { readSessionFile } from './session-files';
import { describeKernels } from '../shared/kernels';
import { kernelLine, printDiagnostics } from './train';
import { LOG_FORMATS } from './train-options';
import { UsageError } from './usage-error';

export const EVAL_HELP = `vae-lab eval FILE.vaelab [options]     whole-dataset diagnostics of a saved session

  --iwae K                    also the importance-weighted bound L_K (K samples per example)
  --log human|jsonl           readable lines, or one JSON object
Prints −ELBO (distortion + rate), KL per latent dimension, active units and I(x;z) on the
training set, and on the validation set when the session holds data out. A missing or damaged
file, or one written by a newer VAE Lab, is refused with the file, the field and the reason (exit 2).`;

/** Returns the exit code: 0, or 2 (via UsageError) for a missing, corrupt or unreadable file. */
export function evalCommand(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, ['iwae', 'log']),
      strict: true,
      allowPositionals: true,
      options: { iwae: { type: 'string' }, log: { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('which session? vae-lab eval FILE.vaelab');
  if (extra.length > 0) throw new UsageError(`one session file at a time (also given: ${extra.join(' ')})`);
  const iwaeK =
    parsed.values.iwae === undefined
      ? 0
      : parseNumber('iwae', parsed.values.iwae, { min: 0, max: 5000, integer: true });
  const log = parsed.values.log === undefined ? 'human' : parseChoice('log', parsed.values.log, LOG_FORMATS);

  const { session, readOnly, message } = readSessionFile(file);
  if (readOnly) throw new UsageError(`${message} This vae-lab cannot evaluate it; use a newer version.`);
  const { prepared } = sessionRunData(session, file);
  const { config } = session;
  const trainer = new Trainer(config, prepared.train);
  if (session.state) trainer.setState(session.state);
  const opts = {
    sigma2: trainer.live.sigma2,
    varianceFloor: config.train.varianceFloor,
    seed: config.train.seed,
    iwaeK,
  };
  const train = evaluate(trainer.vae, prepared.train, opts);
  const validation = prepared.validation.n > 0 ? evaluate(trainer.vae, prepared.validation, opts) : null;
  if (log === 'jsonl') {
    io.out(
      JSON.stringify({
        type: 'eval',
        file,
        name: session.name,
        epoch: session.status.epoch,
        divergence: session.status.divergence,
        trainedWith: session.state?.kernels ?? null,
        kernels: trainer.kernels,
        diagnostics: train,
        validation,
      }),
    );
    return 0;
  }
  if (message) io.err(message);
  io.out(
    `Session "${session.name}" (${file}): epoch ${session.status.epoch} of ${trainer.live.epochs}${session.status.divergence ? `, diverged: ${session.status.divergence.reason}` : ''}`,
  );
  printDiagnostics(io, train, 'Whole training set');
  if (validation) printDiagnostics(io, validation, 'Validation set');
  const saved = session.state?.kernels;
  io.out(
    `Kernels: trained with ${saved ? describeKernels(saved) : 'kernels not recorded (a file from before the record)'}; evaluated with ${kernelLine(trainer.kernels)}`,
  );
  return 0;
}
