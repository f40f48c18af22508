import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, text: out.join('\n'), errText: err.join('\n') };
}

const jsonLines = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('vae-lab train', () => {
  it('prints the lecture log format and whole-dataset diagnostics', async () => {
    const r = await run('train', '--preset', 'lecture', '--epochs', '8', '--no-progress');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('Starting VAE training...');
    expect(r.out[1]).toBe('Dataset size: 4000');
    expect(r.out[2]).toBe('Epochs: 8, Batch size: 256, Learning rate: 0.003, beta: 0.25, sigma2: 0.03');
    expect(r.text).toMatch(/^Epoch {4}1\/8 \| Total Loss: +\d+\.\d{4} \| Recon: +\d+\.\d{4} \| KL: +\d+\.\d{4}$/m);
    expect(r.text).toMatch(/^Epoch {4}8\/8 \|/m);
    expect(r.text).toContain('Training complete.');
    expect(r.text).toMatch(/active units: 2 of 2/);
    // The lecture's closing printout
    expect(r.text).toMatch(/^Sampled latent point z\* = \[-?\d+\.\d{4} -?\d+\.\d{4}\]$/m);
    expect(r.text).toMatch(/^Decoded data point x\* = \[-?\d+\.\d{4} -?\d+\.\d{4}\]$/m);
    expect(r.text).toMatch(/^Distance to nearest training point = \d+\.\d{4}$/m);
  });

  it('--log jsonl prints one object per epoch, diagnostics every N epochs and a summary', async () => {
    const r = await run('train', '--epochs', '4', '--log', 'jsonl', '--eval-every', '2', '--iwae', '5');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.out);
    expect(lines).toHaveLength(5);
    const epochs = lines.slice(0, 4);
    expect(epochs.map((l) => l.epoch)).toEqual([1, 2, 3, 4]);
    for (const l of epochs) {
      expect(l).toMatchObject({ type: 'epoch' });
      for (const key of ['loss', 'recon', 'kl', 'activeUnits', 'ms']) expect(typeof l[key]).toBe('number');
      expect(l.klPerDim).toHaveLength(2);
    }
    expect(epochs[0].diagnostics).toBeUndefined();
    const d = epochs[1].diagnostics as { negElbo: number; iwae: { k: number; negBound: number } };
    expect(d.iwae.k).toBe(5);
    // L_k is a tighter bound than the ELBO: −L_k ≤ −ELBO (up to Monte-Carlo noise).
    expect(d.iwae.negBound).toBeLessThan(d.negElbo + 0.5);
    expect(lines[4]).toMatchObject({ type: 'summary', status: 'done', epochs: 4 });
    expect(epochs[3].loss as number).toBeLessThan(epochs[0].loss as number);
  });

  it('trains a Bernoulli VAE on binarised MNIST (784-256-2, batch 128) with a falling −ELBO', async () => {
    const r = await run(
      'train',
      '--dataset',
      'mnist',
      '--data',
      'count=2000,binarize=fixed',
      '--epochs',
      '5',
      '--log',
      'jsonl',
    );
    expect(r.code).toBe(0);
    const losses = jsonLines(r.out)
      .slice(0, 5)
      .map((l) => l.loss as number);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    expect(losses[0]).toBeGreaterThan(150);
    expect(losses[4]).toBeLessThan(losses[0] - 40);
  });

  it('--validation holds out a split and reports its diagnostics too', async () => {
    const r = await run('train', '--epochs', '3', '--validation', '0.25', '--no-progress');
    expect(r.code).toBe(0);
    expect(r.out[1]).toBe('Dataset size: 3000');
    expect(r.text).toMatch(/^Whole training set \(3000 examples, nats per example; ± is one standard error\):$/m);
    expect(r.text).toMatch(/^Validation set \(1000 examples, nats per example; ± is one standard error\):$/m);
    const json = await run('train', '--epochs', '2', '--validation', '0.25', '--log', 'jsonl');
    const summary = jsonLines(json.out).at(-1) as { validation: { examples: number; negElbo: number } };
    expect(summary.validation.examples).toBe(1000);
    expect(Number.isFinite(summary.validation.negElbo)).toBe(true);
  });

  it('reads a CSV dataset with a label column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'points.csv');
    const rows = ['x,y,kind'];
    for (let i = 0; i < 300; i++) rows.push(`${Math.cos(i)},${Math.sin(i) * 2},${i % 2 ? 'odd' : 'even'}`);
    writeFileSync(file, rows.join('\r\n'));
    const r = await run(
      'train',
      '--dataset',
      'csv',
      '--data',
      `path=${file},label=kind`,
      '--epochs',
      '2',
      '--batch-size',
      '64',
      '--log',
      'jsonl',
    );
    expect(r.code).toBe(0);
    expect(jsonLines(r.out).at(-1)).toMatchObject({ type: 'summary', status: 'done', epochs: 2 });
  });

  it('a CSV with several bad cells names every one; ignore= and a text label column read the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'x,y,kind\n1,a,c0\n2,b,c1\n3,4,c0\n,5,c1\n');
    const bad = await run('train', '--dataset', 'csv', '--data', `path=${file},label=kind`, '--epochs', '1');
    expect(bad.code).toBe(2);
    expect(bad.err[0].split('\n')).toEqual([
      `vae-lab train: ${file}: 3 problems in the file:`,
      '  row 2, column 2 ("y"): "a" is not a number',
      '  row 3, column 2 ("y"): "b" is not a number',
      '  row 5, column 1 ("x"): empty cell, expected a number',
    ]);
    writeFileSync(
      file,
      'id,x,y,kind\n' + Array.from({ length: 20 }, (_, i) => `r${i},${i},${i % 3},c${i % 2}`).join('\n'),
    );
    const args = ['--dataset', 'csv', '--data', `path=${file},label=kind,ignore=id`, '--epochs', '1', '--no-progress'];
    expect((await run('train', ...args)).code).toBe(0);
    // The columns span 0 … 19 and 0 … 2: a Bernoulli decoder needs --scale-to-unit.
    expect((await run('train', ...args, '--likelihood', 'bernoulli')).code).toBe(2);
    expect((await run('train', ...args, '--likelihood', 'bernoulli', '--scale-to-unit')).code).toBe(0);
  });

  it('a diverging run exits 1 and says where it diverged', async () => {
    const r = await run('train', '--optimizer', 'sgd', '--lr', '10', '--epochs', '5', '--no-progress');
    expect(r.code).toBe(1);
    expect(r.errText).toMatch(
      /Training diverged at epoch \d+, step \d+: .+ The weights are kept at their last finite values\./,
    );
  });
});

describe('vae-lab usage errors: a clear message and exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['--beta', 'x'], /--beta: "x" is not a number/],
    [['--beta=-1'], /--beta: -1 is outside the allowed range 0 … 1000/],
    [['--beta', '-1'], /^vae-lab train: --beta: -1 is outside the allowed range 0 … 1000$/m],
    [['--epochs', '-1'], /^vae-lab train: --epochs: -1 is outside the allowed range 1 … 100000$/m],
    [['--epochs=-1'], /^vae-lab train: --epochs: -1 is outside the allowed range 1 … 100000$/m],
    [['--lr', '-.5'], /^vae-lab train: --lr: -.5 is outside the allowed range/m],
    [['--hidden', '-8,8'], /^vae-lab train: --hidden: -8 is outside the allowed range 1 … 2048$/m],
    [['--name', 'n'.repeat(201)], /^vae-lab train: --name: is 201 characters long, at most 200 are allowed$/m],
    [['--epochs', '2.5'], /--epochs: 2.5 must be a whole number/],
    [['--hidden', '8,8,8,8'], /--hidden: at most 3 hidden layers, got 4/],
    [['--likelihood', 'poisson'], /--likelihood: "poisson" is not one of bernoulli, gaussian, gaussian-learned/],
    [['--dataset', 'nope'], /--dataset: "nope" is not one of/],
    [['--betta', '1'], /Unknown option '--betta'/],
    [['--data', 'classes=abc'], /pinwheel: parameter "classes"/],
    [['--data', 'colour=red'], /unknown parameter "colour"/],
    [['--dataset', 'csv'], /--dataset csv needs a file: --data path=FILE/],
    [
      ['--dataset', 'csv', '--data', 'path=/no/such/file.csv'],
      /cannot read CSV file \/no\/such\/file\.csv: no such file/,
    ],
  ];
  for (const [args, message] of cases) {
    it(`train ${args.join(' ')}`, async () => {
      const r = await run('train', ...args);
      expect(r.code).toBe(2);
      expect(r.errText).toMatch(message);
      expect(r.out).toEqual([]);
    });
  }

  it('a flag that does not apply to the chosen likelihood or initialisation is refused, not ignored', async () => {
    const refused: [string[], string][] = [
      [
        ['--likelihood', 'bernoulli', '--sigma2', '0.1'],
        '--sigma2 applies only with --likelihood gaussian (here: bernoulli)',
      ],
      [['--dataset', 'mnist', '--sigma2', '0.1'], '--sigma2 applies only with --likelihood gaussian (here: bernoulli)'],
      [
        ['--variance-floor', '0.01'],
        '--variance-floor applies only with --likelihood gaussian-learned (here: gaussian)',
      ],
      [['--init', 'glorot', '--init-std', '0.1'], '--init-std applies only with --init normal (here: glorot)'],
    ];
    for (const [args, message] of refused) {
      const r = await run('train', ...args);
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(`vae-lab train: ${message}`);
      expect(r.out).toEqual([]);
    }
    const applies = await run(
      'train',
      ...['--likelihood', 'gaussian-learned', '--variance-floor', '0.01', '--init-std', '0.3', '--epochs', '1'],
      '--no-progress',
    );
    expect(applies.code).toBe(0);
  });

  it('a Bernoulli decoder on data outside [0, 1], or standardised, is refused before training', async () => {
    const pinwheel = await run('train', '--likelihood', 'bernoulli', '--epochs', '2', '--no-progress');
    expect(pinwheel.code).toBe(2);
    expect(pinwheel.err[0]).toMatch(
      /^vae-lab train: --likelihood bernoulli needs data in \[0, 1\]; column "x" spans -\d\.\d+ … \d\.\d+$/,
    );
    expect(pinwheel.out).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'unit.csv');
    writeFileSync(file, ['a,b', ...Array.from({ length: 40 }, (_, i) => `${(i % 5) / 4},${(i % 3) / 2}`)].join('\n'));
    const csv = ['--likelihood', 'bernoulli', '--dataset', 'csv', '--data', `path=${file}`, '--epochs', '1'];
    const standardized = await run('train', ...csv, '--standardize');
    expect(standardized.code).toBe(2);
    expect(standardized.err[0]).toBe(
      'vae-lab train: --likelihood bernoulli needs data in [0, 1]; standardised data is centred on 0, so turn standardising off',
    );
    expect((await run('train', ...csv, '--no-progress')).code).toBe(0);
  });

  it('--out onto the input CSV file is refused before training, also through a link or another spelling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'data.csv');
    const text = ['a,b', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 7}`)].join('\n');
    writeFileSync(file, text);
    symlinkSync(file, join(dir, 'link.csv'));
    for (const out of [file, join(dir, '.', 'data.csv'), join(dir, 'link.csv')]) {
      const r = await run('train', '--dataset', 'csv', '--data', `path=${file}`, '--epochs', '1', '--out', out);
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(
        `vae-lab train: --out is the input CSV file ${file}; saving the session there would overwrite the data`,
      );
      expect(r.out).toEqual([]);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a CSV file that is not UTF-8 is refused, naming the first bad byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from('name,v\n1,2\n3,caf\xe9\n', 'latin1'));
    const r = await run('train', '--dataset', 'csv', '--data', `path=${file}`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`vae-lab train: ${file}: not UTF-8 text: the first bad byte is at row 3, column 2`);
  });

  it('a CSV with a bad cell names the file, row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b\n1,2\n3,oops\n');
    const r = await run('train', '--dataset', 'csv', '--data', `path=${file}`);
    expect(r.code).toBe(2);
    expect(r.errText).toContain(`${file}: row 3, column 2 ("b"): "oops" is not a number`);
  });

  it('eval --iwae -1 gets the range message too', async () => {
    const r = await run('eval', 'any.vaelab', '--iwae', '-1');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('vae-lab eval: --iwae: -1 is outside the allowed range 0 … 5000');
  });

  it('CSV column and class names longer than a session holds are refused before training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-cli-'));
    const long = 'c'.repeat(201);
    const rows = (header: string, label: (i: number) => string) =>
      [header, ...Array.from({ length: 20 }, (_, i) => `${i},${i * 2},${label(i)}`)].join('\n');
    writeFileSync(
      join(dir, 'header.csv'),
      rows(`x,${long},kind`, () => 'a'),
    );
    writeFileSync(
      join(dir, 'label.csv'),
      rows('x,y,kind', (i) => (i === 7 ? long : 'a')),
    );
    const train = (file: string) =>
      run('train', '--dataset', 'csv', '--data', `path=${join(dir, file)},label=kind`, '--out', join(dir, 'x.vaelab'));
    const header = await train('header.csv');
    expect(header.code).toBe(2);
    expect(header.out).toEqual([]);
    expect(header.err[0]).toBe(
      `vae-lab train: ${join(dir, 'header.csv')}: the name of column 2 ("${'c'.repeat(30)}…") is 201 characters long; a session holds names of at most 200`,
    );
    const label = await train('label.csv');
    expect(label.code).toBe(2);
    expect(label.out).toEqual([]);
    expect(label.err[0]).toBe(
      `vae-lab train: ${join(dir, 'label.csv')}: the label column "kind" has a class name ("${'c'.repeat(30)}…") 201 characters long; a session holds names of at most 200`,
    );
    expect(existsSync(join(dir, 'x.vaelab'))).toBe(false);
  });

  it('an unknown command', async () => {
    const r = await run('fly');
    expect(r.code).toBe(2);
    expect(r.errText).toMatch(/unknown command "fly"/);
  });
});
