import { availableParallelism } from 'node:os';
import { useNodeKernelThreads } from '../engine-host/kernel-threads-node';
import { configureKernels } from '../engine/kernels/arena';
import { resolveThreads } from '../shared/settings';
import { basename, extname } from 'node:path';
import { bernoulliProblem } from '../engine/datasets';
import { evaluate, type Diagnostics } from '../engine/diagnostics';
import { samplePoint } from '../engine/sample-point';
import { Trainer, type EpochMetrics } from '../engine/trainer';
import { describeKernels, type KernelReport } from '../shared/kernels';
import { SESSION_TEXT_LIMITS } from '../shared/session';
import type { CliIo } from './io';
import { progressBar } from './io';
import { refuseOutOntoInput } from './out-path';
import { checkOutFile } from './session-files';
import { resumeRun, saveRun, type Run } from './session-run';
import { loadRunData } from './session-data';
import { parseTrainOptions, type TrainOptions } from './train-options';
import { UsageError } from './usage-error';

const RULE = '-'.repeat(90);

/** `vae-lab train`: returns the exit code (0 done, 1 diverged). */
export function trainCommand(argv: string[], io: CliIo): number {
  const options = parseTrainOptions(argv);
  useNodeKernelThreads(resolveThreads(options.threads, availableParallelism(), 'cli'));
  configureKernels({ fma: options.kernel === 'auto' }); // set at every run: an in-process caller may run several
  const out = options.out ?? options.resume;
  // Before a long run, not after it: a folder that is missing or not writable, a name too long for its .bak.
  if (out) checkOutFile(out, options.out ? '--out' : '--resume');
  const run = options.resume ? resumeRun(options.resume, options) : newRun(options);
  const { config, trainer, data } = run;
  const { batchSize, lr, beta, sigma2 } = config.train;
  const epochs = trainer.live.epochs;
  const human = options.log === 'human';
  const diagnose = (split = data.train) =>
    evaluate(trainer.vae, split, {
      sigma2: trainer.live.sigma2,
      varianceFloor: config.train.varianceFloor,
      seed: config.train.seed,
      iwaeK: options.iwae,
    });
  const validate = () => (data.validation.n > 0 ? diagnose(data.validation) : null);
  if (human) {
    io.out(
      options.resume
        ? `Resuming ${options.resume} at epoch ${trainer.epoch} of ${epochs}...`
        : 'Starting VAE training...',
    );
    if (run.retuned) io.out(run.retuned);
    io.out(`Dataset size: ${data.train.n}`);
    io.out(`Epochs: ${epochs}, Batch size: ${batchSize}, Learning rate: ${lr}, beta: ${beta}, sigma2: ${sigma2}`);
    io.out(`Kernels: ${kernelLine(trainer.kernels)}`);
    if (trainer.kernelNotice) io.out(trainer.kernelNotice);
    io.out(RULE);
  }
  const printEvery = options.printEvery || Math.max(1, Math.round(epochs / 4));
  const started = performance.now();
  let last: EpochMetrics | null = null;
  while (!trainer.done) {
    const m = trainer.runEpoch();
    if (!m) break;
    last = m;
    run.history.push(m);
    if (human) {
      if (m.epoch === 1 || m.epoch % printEvery === 0 || m.epoch === epochs) io.out(lectureLine(m, epochs));
      if (options.progress)
        io.status?.(`${progressBar(m.epoch, epochs)}  ${m.ms.toFixed(1)} ms/epoch  loss ${m.loss.toFixed(4)}`);
    } else {
      const evalNow = options.evalEvery > 0 && m.epoch % options.evalEvery === 0;
      io.out(JSON.stringify({ type: 'epoch', ...m, ...(evalNow ? { diagnostics: diagnose() } : {}) }));
    }
  }
  if (human && options.progress) io.status?.('');
  const seconds = (performance.now() - started) / 1000;
  const d = trainer.divergence;
  const warning = out ? saveRun(out, run) : null;
  if (warning) io.err(`vae-lab train: ${warning}`);
  if (human) {
    io.out(RULE);
    if (d)
      io.err(
        `Training diverged at epoch ${d.epoch}, step ${d.step}: ${d.reason}. The weights are kept at their last finite values.`,
      );
    else {
      io.out('Training complete.');
      printDiagnostics(io, diagnose(), 'Whole training set');
      const held = validate();
      if (held) printDiagnostics(io, held, 'Validation set');
      if (data.train.dim <= 3 && !data.transform) printSampledPoint(io, trainer);
    }
    if (out) io.out(`Session saved to ${out}`);
  } else {
    io.out(
      JSON.stringify({
        type: 'summary',
        status: d ? 'diverged' : 'done',
        divergence: d,
        epochs: trainer.epoch,
        seconds,
        kernels: trainer.kernels,
        ...(trainer.kernelNotice ? { kernelNotice: trainer.kernelNotice } : {}),
        final: last,
        diagnostics: d ? null : diagnose(),
        validation: d ? null : validate(),
        ...(out ? { saved: out } : {}),
      }),
    );
  }
  return d ? 1 : 0;
}

function newRun(options: TrainOptions): Run {
  const { config } = options;
  refuseOutOntoInput(options.out, options.csvPath);
  const { prepared, embedded, checksum } = loadRunData(config.dataset, options.csvPath);
  const problem = config.model.likelihood === 'bernoulli' ? bernoulliProblem(prepared) : null;
  if (problem) throw new UsageError(`--likelihood bernoulli ${problem}`);
  const name = options.name ?? (options.out ? defaultName(options.out) : 'untitled');
  return {
    config,
    data: prepared,
    embedded,
    dataChecksum: checksum,
    trainer: new Trainer(config, prepared.train),
    history: [],
    name,
    notes: '',
    createdAt: undefined,
  };
}

/** The file name without its extension, cut to what a session name may hold: a long file name is no reason to fail. */
function defaultName(file: string): string {
  const name = basename(file, extname(file));
  const max = SESSION_TEXT_LIMITS.name;
  if (name.length <= max) return name;
  // Do not cut a character that takes two UTF-16 units in half.
  const cut = /[\uD800-\uDBFF]/.test(name[max - 1]) ? max - 1 : max;
  return name.slice(0, cut);
}

/** "exact SIMD, 1 thread (one thread: …)" */
export function kernelLine(k: KernelReport): string {
  return `${describeKernels(k)}${k.note ? ` (${k.note})` : ''}`;
}

function lectureLine(m: EpochMetrics, epochs: number): string {
  const width = String(epochs).length;
  return `Epoch ${String(m.epoch).padStart(Math.max(4, width))}/${epochs} | Total Loss: ${m.loss.toFixed(4).padStart(10)} | Recon: ${m.recon.toFixed(4).padStart(10)} | KL: ${m.kl.toFixed(4).padStart(8)}`;
}

/** The lecture's closing printout: a prior draw decoded near the data. */
function printSampledPoint(io: CliIo, trainer: Trainer): void {
  const p = samplePoint(trainer.vae, trainer.data, {
    sigma2: trainer.live.sigma2,
    varianceFloor: trainer.config.train.varianceFloor,
  });
  const show = (v: number[]) => `[${v.map((x) => x.toFixed(4)).join(' ')}]`;
  io.out('');
  io.out('Final sampled result:');
  io.out(`Sampled latent point z* = ${show(p.z)}`);
  io.out(`Decoded data point x* = ${show(p.x)}`);
  io.out(`Distance to nearest training point = ${p.distance.toFixed(4)}`);
}

/** A Monte-Carlo figure and its standard error. */
const pm = (value: number, se: number) => `${value.toFixed(4)} ± ${se.toFixed(4)}`;

export function printDiagnostics(io: CliIo, d: Diagnostics, title: string): void {
  io.out(`${title} (${d.examples} examples, nats per example; ± is one standard error):`);
  io.out(
    `  -ELBO ${pm(d.negElbo, d.se.negElbo)} = distortion ${d.distortion.toFixed(4)} + rate ${d.rate.toFixed(4)}   (recon without the constant ${d.reconConstant.toFixed(4)}: ${d.recon.toFixed(4)}; ${d.reconSamples} draws of z per example)`,
  );
  if (d.iwae) io.out(`  -L_${d.iwae.k} ${pm(d.iwae.negBound, d.iwae.se)} (importance-weighted bound, an estimate)`);
  io.out(exactLine(d));
  io.out(`  KL per dimension: ${d.klPerDim.map((v) => v.toFixed(4)).join(', ')}`);
  io.out(`  active units: ${d.activeUnits} of ${d.klPerDim.length}   I(x;z) ≈ ${pm(d.mutualInfo, d.se.mutualInfo)}`);
}

/** The exact −log p(x) and gap for latent size ≤ 2, or why there is none. */
function exactLine(d: Diagnostics): string {
  const e = d.exact;
  const k = d.klPerDim.length;
  if (!e)
    return `  -log p(x): not computed exactly for latent size ${k} (quadrature covers 1 or 2)${d.iwae ? `; -L_${d.iwae.k} is the best estimate` : '; --iwae K gives an estimate'}`;
  const subset = e.examples < d.examples;
  const where = subset
    ? `on a random ${e.examples} of ${d.examples} examples, ± over that choice`
    : `all ${e.examples} examples`;
  const lp = subset ? pm(e.negLogPx, e.se.negLogPx) : `${e.negLogPx.toFixed(4)} exact`;
  const gap = subset ? pm(e.gap, e.se.gap) : `${e.gap.toFixed(4)} exact`;
  return `  -log p(x) ${lp}   gap KL(q ‖ p(z|x)) ${gap}   (quadrature, ${e.grid}-point refined grids, ${where})`;
}

export type { TrainOptions };
