import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { tempFileName } from '../../src/node-io/temp-files';
import { prepareBuilt } from '../../src/cli/session-data';
import { copyTable } from '../../src/shared/data-table';
import { makeDataset, prepareData } from '../../src/engine/datasets';
import { APP_VERSION } from '../../src/shared/app-version';
import type { DatasetSpec } from '../../src/shared/config';
import { SESSION_SCHEMA_VERSION, type Session } from '../../src/shared/session';
import { decodeSession } from '../../src/shared/session-codec';

const dir = mkdtempSync(join(tmpdir(), 'vae-cli-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, text: out.join('\n'), errText: err.join('\n') };
}

const load = (file: string): Session => decodeSession(readFileSync(file, 'utf8'), file).session;
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Every metric of every epoch identical to the bit (Object.is), except the wall-clock ms. */
function expectSameHistory(a: Session, b: Session): void {
  expect(b.history.length).toBe(a.history.length);
  a.history.forEach((m, i) => {
    for (const [key, value] of Object.entries(m)) {
      if (key === 'ms') continue;
      const other = (b.history[i] as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value))
        value.forEach((x, j) => expect(Object.is(x, (other as number[])[j]), `epoch ${i + 1} ${key}[${j}]`).toBe(true));
      else expect(Object.is(value, other), `epoch ${i + 1} ${key}: ${value} vs ${String(other)}`).toBe(true);
    }
  });
}

function expectSameState(a: Session, b: Session): void {
  a.state!.weights.forEach((w, i) => expect(bytes(b.state!.weights[i]).equals(bytes(w)), `weights[${i}]`).toBe(true));
  a.state!.optimizer.buffers.forEach((w, i) =>
    expect(bytes(b.state!.optimizer.buffers[i]).equals(bytes(w)), `optimizer[${i}]`).toBe(true),
  );
  expect(b.state!.rng).toEqual(a.state!.rng);
  expect(bytes(b.state!.order).equals(bytes(a.state!.order))).toBe(true);
}

const SMALL = ['--data', 'classes=5,perClass=100', '--no-progress'];

describe('vae-lab train --out / --resume', () => {
  it('train 6 epochs straight = train 3, save, resume to 6: bit-identical metrics and weights', async () => {
    const straight = await run('train', ...SMALL, '--epochs', '6', '--out', at('straight.vaelab'));
    expect(straight.code).toBe(0);
    expect(straight.out.at(-1)).toBe(`Session saved to ${at('straight.vaelab')}`);
    const first = await run(
      'train',
      ...SMALL,
      '--epochs',
      '3',
      '--out',
      at('resumed.vaelab'),
      '--name',
      'pinwheel half',
    );
    expect(first.code).toBe(0);
    const half = load(at('resumed.vaelab'));
    expect([half.status.epoch, half.history.length, half.name]).toEqual([3, 3, 'pinwheel half']);
    expect(half.appVersion).toBe(APP_VERSION);
    const second = await run('train', '--resume', at('resumed.vaelab'), '--epochs', '6', '--no-progress');
    expect(second.code).toBe(0);
    expect(second.out[0]).toBe(`Resuming ${at('resumed.vaelab')} at epoch 3 of 6...`);
    expect(second.text).toContain('Epoch    6/6 | Total Loss:');

    const a = load(at('straight.vaelab'));
    const b = load(at('resumed.vaelab'));
    expect(b.history.length).toBe(6);
    expectSameHistory(a, b);
    expectSameState(a, b);
    expect(b.config).toEqual(a.config);
    expect([b.name, b.createdAt, b.status]).toEqual(['pinwheel half', half.createdAt, { epoch: 6, divergence: null }]);
    expect(a.name).toBe('straight');
    // The final diagnostics printed by both runs agree too.
    const diag = (t: string) => t.slice(t.indexOf('Whole training set'), t.indexOf('Final sampled'));
    expect(diag(second.text)).toBe(diag(straight.text));
    // The file before the resume was kept as the backup.
    expect(load(at('resumed.vaelab.bak')).status.epoch).toBe(3);
  });

  it('a CSV session embeds its points and resumes without the CSV file (validation split and standardisation included)', async () => {
    const rows = [
      'a,b,c,kind',
      ...Array.from(
        { length: 60 },
        (_, i) => `${Math.sin(i)},${Math.cos(i * 0.7) * 3},${i / 10},${i % 3 === 0 ? 'x' : 'y'}`,
      ),
    ];
    const csv = at('points.csv');
    writeFileSync(csv, rows.join('\n'));
    const common = [
      '--dataset',
      'csv',
      '--data',
      `path=${csv},label=kind`,
      '--validation',
      '0.2',
      '--standardize',
      '--batch-size',
      '16',
      '--no-progress',
    ];
    expect((await run('train', ...common, '--epochs', '4', '--out', at('csv-straight.vaelab'))).code).toBe(0);
    expect((await run('train', ...common, '--epochs', '2', '--out', at('csv-half.vaelab'))).code).toBe(0);
    rmSync(csv);
    const resumed = await run('train', '--resume', at('csv-half.vaelab'), '--epochs', '4', '--no-progress');
    expect(resumed.code).toBe(0);
    const a = load(at('csv-straight.vaelab'));
    const b = load(at('csv-half.vaelab'));
    expect(b.data.embedded).toMatchObject({
      n: 60,
      dim: 3,
      columns: ['a', 'b', 'c'],
      classes: 2,
      classNames: ['x', 'y'],
    });
    expect(b.data.trainExamples).toBe(48);
    expectSameHistory(a, b);
    expectSameState(a, b);
  });

  it('the split of embedded points is the split prepareData makes', () => {
    const text = ['u,v,label', ...Array.from({ length: 40 }, (_, i) => `${i * 0.37},${(i * i) % 7},${i % 4}`)].join(
      '\n',
    );
    const spec: DatasetSpec = {
      kind: 'csv',
      params: { label: 'label' },
      seed: 123,
      validation: 0.3,
      standardize: true,
      scaleToUnit: false,
    };
    const direct = prepareData(spec, { csvText: text });
    const embedded = copyTable(makeDataset(spec, { csvText: text }));
    const rebuilt = prepareBuilt(spec, { ...embedded, classNames: embedded.classNames ?? undefined });
    expect(bytes(rebuilt.train.x).equals(bytes(direct.train.x))).toBe(true);
    expect(bytes(rebuilt.validation.x).equals(bytes(direct.validation.x))).toBe(true);
    expect(Array.from(rebuilt.train.labels)).toEqual(Array.from(direct.train.labels));
  });
});

describe('vae-lab eval', () => {
  it('prints whole-dataset −ELBO, L_K, KL per dimension, active units and I(x;z) of a saved session', async () => {
    const trained = await run('train', ...SMALL, '--epochs', '4', '--iwae', '20', '--out', at('eval.vaelab'));
    const r = await run('eval', at('eval.vaelab'), '--iwae', '20');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`Session "eval" (${at('eval.vaelab')}): epoch 4 of 4`);
    expect(r.out[1]).toBe('Whole training set (500 examples, nats per example; ± is one standard error):');
    expect(r.out[2]).toMatch(
      /^ {2}-ELBO -?\d+\.\d{4} ± \d+\.\d{4} = distortion -?\d+\.\d{4} \+ rate \d+\.\d{4} .*; \d+ draws of z per example\)$/,
    );
    expect(r.out[3]).toMatch(/^ {2}-L_20 -?\d+\.\d{4} ± \d+\.\d{4} \(importance-weighted bound, an estimate\)$/);
    expect(r.out[4]).toMatch(
      /^ {2}-log p\(x\) -?\d+\.\d{4} exact {3}gap KL\(q ‖ p\(z\|x\)\) \d+\.\d{4} exact {3}\(quadrature, 12-point refined grids, all 500 examples\)$/,
    );
    expect(r.out[5]).toMatch(/^ {2}KL per dimension: \d+\.\d{4}, \d+\.\d{4}$/);
    expect(r.out[6]).toMatch(/^ {2}active units: [0-2] of 2 {3}I\(x;z\) ≈ \d+\.\d{4} ± \d+\.\d{4}$/);
    // The bound holds as printed: exact −log p(x) ≤ −ELBO, and the gap is their difference.
    const negElbo = Number(/-ELBO (\S+)/.exec(r.out[2])![1]);
    const [, lp, gap] = /-log p\(x\) (\S+) exact {3}gap \S+ \S+ \S+ (\S+)/.exec(r.out[4])!.map(Number);
    expect(lp).toBeLessThanOrEqual(negElbo + 0.02);
    expect(gap).toBeGreaterThanOrEqual(0);
    // The same figures the training run printed at its end, from the weights in the file.
    const trainedLines = trained.out.slice(trained.out.indexOf(r.out[1]), trained.out.indexOf(r.out[1]) + 6);
    expect(r.out.slice(1, 7)).toEqual(trainedLines);

    const json = await run('eval', at('eval.vaelab'), '--log', 'jsonl');
    const record = JSON.parse(json.out[0]);
    expect(record).toMatchObject({
      type: 'eval',
      name: 'eval',
      epoch: 4,
      divergence: null,
      validation: null,
      diagnostics: { examples: 500, iwae: null },
    });
    expect(record.diagnostics.klPerDim).toHaveLength(2);
    expect(record.diagnostics.negElbo).toBeCloseTo(Number(/-ELBO (\S+)/.exec(r.out[2])![1]), 4);
    expect(record.diagnostics.se.negElbo).toBeGreaterThan(0);
    expect(record.diagnostics.exact).toMatchObject({ grid: 12, examples: 500, se: { negLogPx: 0, gap: 0 } });
    expect(record.diagnostics.exact.negLogPx).toBeCloseTo(Number(/-log p\(x\) (\S+)/.exec(r.out[4])![1]), 4);
    expect(record.diagnostics.exact.gap).toBeCloseTo(
      record.diagnostics.exact.negElbo - record.diagnostics.exact.negLogPx,
      9,
    );
  });
});

describe('session file errors: a clear message naming the file and the field, exit 2', () => {
  const good = () => readFileSync(at('eval.vaelab'), 'utf8');
  const cases: [string, () => string, RegExp][] = [
    ['missing.vaelab', () => '', /cannot read session file .*missing\.vaelab: no such file/],
    ['empty.vaelab', () => '', /empty\.vaelab: the file is empty/],
    [
      'truncated.vaelab',
      () => good().slice(0, 5000),
      /truncated\.vaelab: not a VAE Lab session: the JSON is broken or cut short/,
    ],
    ['garbage.vaelab', () => '\x89PNG\r\n\x1a\n\0\0garbage', /garbage\.vaelab: not a VAE Lab session/],
    [
      'wrong-format.vaelab',
      () => good().replace('"vae-lab-session"', '"other"'),
      /wrong-format\.vaelab: format: expected "vae-lab-session", got "other"/,
    ],
    [
      'wrong-schema.vaelab',
      () => good().replace('"beta": 0.25', '"beta": "a quarter"'),
      /wrong-schema\.vaelab: config\.train\.beta: must be a number \(got the text "a quarter"\)/,
    ],
    [
      'wrong-size.vaelab',
      () => good().replace('"hidden": [64]', '"hidden": [32]'),
      /wrong-size\.vaelab: state\.weights\[0\]: \(encoder\.0\.w\) has 128 values, the model in config\.model needs 64/,
    ],
    [
      // Resuming it used to end in "internal error … encodeSession": the new epochs came after epoch 5.
      'history-ahead.vaelab',
      () => {
        const raw = JSON.parse(good());
        raw.history.push({ ...raw.history[3], epoch: 5 });
        return JSON.stringify(raw);
      },
      /history-ahead\.vaelab: history\[4\]\.epoch: is 5, but status\.epoch is 4$/,
    ],
    [
      'newer.vaelab',
      () => good().replace(`"schemaVersion": ${SESSION_SCHEMA_VERSION}`, '"schemaVersion": 99'),
      /newer\.vaelab was written by a newer version of VAE Lab \(schema 99; this one reads schema 3\)/,
    ],
  ];
  it.each(cases)('%s', async (name, content, message) => {
    if (name !== 'missing.vaelab') writeFileSync(at(name), content());
    for (const argv of [
      ['eval', at(name)],
      ['train', '--resume', at(name), '--epochs', '9'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err[0]).toMatch(message);
      expect(r.err[0]).toMatch(new RegExp(`^vae-lab ${argv[0]}: `));
    }
    if (name !== 'missing.vaelab') expect(readFileSync(at(name), 'utf8')).toBe(content());
  });

  it('usage mistakes with sessions', async () => {
    expect((await run('train', '--resume', at('eval.vaelab'), '--beta', '2')).err[0]).toMatch(
      /--resume continues the saved settings; --beta cannot be changed/,
    );
    expect((await run('train', '--resume', at('eval.vaelab'), '--epochs', '4')).err[0]).toMatch(
      /--epochs 4: .*eval\.vaelab already has 4 epochs/,
    );
    expect((await run('eval')).err[0]).toBe('vae-lab eval: which session? vae-lab eval FILE.vaelab');
    expect((await run('eval', 'a.vaelab', 'b.vaelab')).code).toBe(2);
    expect((await run('train', '--out', '')).err[0]).toMatch(/--out: expected a file name/);
  });

  it('a diverged run is saved with its reason, and is not resumed', async () => {
    const r = await run(
      'train',
      '--lr',
      '10',
      '--beta',
      '0',
      '--sigma2',
      '0.000001',
      '--epochs',
      '20',
      '--out',
      at('div.vaelab'),
      '--no-progress',
    );
    expect(r.code).toBe(1);
    const s = load(at('div.vaelab'));
    expect(s.status.divergence).toMatchObject({ epoch: 1, reason: expect.stringMatching(/non-finite/) });
    const again = await run('train', '--resume', at('div.vaelab'), '--epochs', '30');
    expect(again.code).toBe(2);
    expect(again.err[0]).toMatch(
      /div\.vaelab: status\.divergence: the run diverged at epoch 1 .*: give a smaller --lr or a gradient --clip to continue from its last finite weights$/,
    );
  });

  it('a diverged run continues from its last finite weights with a new --lr and --clip', async () => {
    const first = await run(
      'train',
      '--lr',
      '10',
      '--beta',
      '0',
      '--sigma2',
      '0.000001',
      '--epochs',
      '20',
      '--out',
      at('div2.vaelab'),
      '--no-progress',
    );
    expect(first.code).toBe(1);
    const before = load(at('div2.vaelab'));
    const r = await run('train', '--resume', at('div2.vaelab'), '--lr', '0.0001', '--clip', '1', '--epochs', '3');
    expect(r.code, r.errText).toBe(0);
    expect(r.out[1]).toBe(
      `The run diverged at epoch ${before.status.divergence!.epoch}; continuing from its last finite weights with --lr 0.0001 --clip 1 and fresh optimizer moments.`,
    );
    const after = load(at('div2.vaelab'));
    expect(after.status).toMatchObject({ epoch: 3, divergence: null });
    expect([after.config.train.lr, after.config.train.clip]).toEqual([0.0001, 1]);
    expect(after.history.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(before.status.epoch).toBeLessThan(3);
    // A healthy run keeps its settings.
    const healthy = await run('train', '--resume', at('div2.vaelab'), '--lr', '0.01', '--epochs', '5');
    expect(healthy.code).toBe(2);
    expect(healthy.err[0]).toBe(
      'vae-lab train: --resume continues the saved settings; --lr can be changed only for a run that diverged',
    );
  });

  it('data that no longer matches the weights (a changed dataset seed) is refused by its checksum', async () => {
    const file = at('seeded.vaelab');
    expect((await run('train', ...SMALL, '--epochs', '1', '--out', file)).code).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { config: { dataset: { seed: number } } };
    raw.config.dataset.seed += 1;
    writeFileSync(file, JSON.stringify(raw));
    for (const argv of [
      ['eval', file],
      ['train', '--resume', file, '--epochs', '2'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err[0]).toMatch(
        /seeded\.vaelab: data\.checksum: the data rebuilt from config\.dataset \(CRC-32 [0-9a-f]{8}\) is not the data the weights were trained on \(CRC-32 [0-9a-f]{8}\); was the dataset, its seed or its file changed\?$/,
      );
    }
  });

  it('resuming an older Bernoulli session on data outside [0, 1] is refused, naming the column', async () => {
    const file = at('old-bernoulli.vaelab');
    expect((await run('train', ...SMALL, '--epochs', '1', '--out', file)).code).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { config: { model: { likelihood: string } } };
    raw.config.model.likelihood = 'bernoulli';
    writeFileSync(file, JSON.stringify(raw));
    const r = await run('train', '--resume', file, '--epochs', '2');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /old-bernoulli\.vaelab: config\.model\.likelihood: a Bernoulli decoder needs data in \[0, 1\]; column "x" spans -?\d.* … -?\d.*; this session cannot be continued$/,
    );
  });

  it('a file name longer than a session name may be is shortened to the limit, and the file opens', async () => {
    const file = at(`${'f'.repeat(220)}.vaelab`);
    const r = await run('train', ...SMALL, '--epochs', '1', '--out', file);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe(`Session saved to ${file}`);
    expect(load(file).name).toBe('f'.repeat(200));
    const opened = await run('eval', file);
    expect(opened.code).toBe(0);
    expect(opened.out[0]).toBe(`Session "${'f'.repeat(200)}" (${file}): epoch 1 of 1`);
  });

  it('--name over 200 characters is refused before training, also with --resume', async () => {
    const r = await run('train', '--resume', at('eval.vaelab'), '--epochs', '9', '--name', 'n'.repeat(250));
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toBe('vae-lab train: --name: is 250 characters long, at most 200 are allowed');
    expect(load(at('eval.vaelab')).status.epoch).toBe(4);
  });

  it('an output file that cannot be saved is refused before training: missing folder, folder, too long a .bak', async () => {
    mkdirSync(at('a-folder.vaelab'));
    const long = at('b'.repeat(250) + '.vl');
    const cases: [string, string][] = [
      [join(dir, 'no-such-folder', 'run.vaelab'), 'the folder does not exist'],
      [at('a-folder.vaelab'), 'it is a folder'],
      [long, `the name is too long: its backup ${'b'.repeat(40)}… would be over 255 bytes`],
    ];
    for (const [target, reason] of cases) {
      const r = await run('train', ...SMALL, '--epochs', '300', '--out', target);
      expect(r.code, target).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err[0]).toBe(`vae-lab train: --out ${target}: ${reason}`);
    }
  });

  it('stray temp files of a killed save of the same file are removed by the next save', async () => {
    const target = at('strays.vaelab');
    const stray = at(tempFileName('strays.vaelab', 999_999_999));
    writeFileSync(stray, 'half a session');
    expect((await run('train', ...SMALL, '--epochs', '1', '--out', target)).code).toBe(0);
    expect(existsSync(stray)).toBe(false);
    expect(load(target).status.epoch).toBe(1);
  });

  it('an unwritable folder (a read-only tmpfs) is refused before training', async (ctx) => {
    if (process.getuid?.() !== 0) {
      console.warn('skipped: mounting a read-only tmpfs needs root');
      ctx.skip();
      return;
    }
    const mnt = at('read-only');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', mnt]);
    try {
      const r = await run('train', ...SMALL, '--epochs', '300', '--out', join(mnt, 'run.vaelab'));
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err[0]).toBe(`vae-lab train: --out ${join(mnt, 'run.vaelab')}: the disk is read-only`);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('a save that fails at the end keeps the trained session in a recovery file and says where, exit 1', async () => {
    const target = at('late.vaelab');
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => {
        out.push(l);
        // After the checks before training passed: the backup name becomes a folder mid-run.
        if (out.length === 1) mkdirSync(target + '.bak');
      },
      err: (l: string) => err.push(l),
    };
    writeFileSync(target, 'old');
    const code = await runCli(['train', ...SMALL, '--epochs', '2', '--log', 'jsonl', '--out', target], io);
    expect(code).toBe(1);
    const m =
      /^vae-lab train: cannot save (.*): (.*) is a folder, so the previous version cannot be kept; the trained session is kept in (.*)$/.exec(
        err.at(-1)!,
      );
    expect(m, err.at(-1)).not.toBeNull();
    expect(m![3]).toMatch(/late\.recovered-.*\.vaelab$/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    const kept = load(m![3]);
    expect(kept.status.epoch).toBe(2);
    expect((await run('eval', m![3])).code).toBe(0);
  });
});
