/**
 * Setup links: what a teacher's link holds comes back exactly, and a link that is wrong is refused
 * naming the field, with the session file's own words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIDEABLE_IDS } from '../../src/shared/classroom';
import { cloneConfig, LECTURE_PRESET, PRESETS, type ExperimentConfig } from '../../src/shared/config';
import type { DataTable } from '../../src/shared/data-table';
import { defaultDatasetParams } from '../../src/shared/dataset-params';
import {
  decodeSetup,
  encodeSetup,
  SETUP_LINK_DATA_LIMIT,
  setupCodeOf,
  SetupLinkError,
  type Setup,
} from '../../src/shared/setup-link';
import { configArb } from '../support/session-fixtures';

const lecture = (): Setup => ({
  config: cloneConfig(LECTURE_PRESET),
  classroom: { preset: 'lecture', hidden: ['panel:model', 'train.lr', 'view:spectrum'] },
  data: null,
});

function points(n: number, seed = 1): DataTable {
  const x = new Float32Array(2 * n);
  let s = seed;
  for (let i = 0; i < x.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    x[i] = (s / 2 ** 31 - 0.5) * 7.3;
  }
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  return { x, n, dim: 2, labels, classes: 3, columns: ['x', 'y'], classNames: null };
}

const withPoints = (data: DataTable): Setup => {
  const s = lecture();
  s.config.dataset = { ...s.config.dataset, kind: 'points', params: {} };
  return { ...s, data };
};

/** Decoding `code` fails naming `field`, with a reason matching `reason`. */
function refused(code: string, field: string, reason: RegExp): void {
  let error: unknown = null;
  try {
    decodeSetup(code);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SetupLinkError);
  expect((error as SetupLinkError).field).toBe(field);
  expect((error as SetupLinkError).reason).toMatch(reason);
}

/** A link made from a setup the app would never write (the encoder does not check). */
const linkOf = (edit: (s: Setup) => void): string => {
  const s = lecture();
  edit(s);
  return encodeSetup(s).code;
};

describe('a setup link', () => {
  it('gives back the lecture setup exactly, with its preset and hidden controls, in a short code', () => {
    const { code, dataLeftOut } = encodeSetup(lecture());
    expect(dataLeftOut).toBe(false);
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(700);
    expect(decodeSetup(code)).toEqual(lecture());
  });

  it('gives back every preset and any configuration within the limits, number for number', () => {
    for (const config of Object.values(PRESETS)) {
      const setup: Setup = { config: cloneConfig(config), classroom: { preset: null, hidden: [] }, data: null };
      expect(decodeSetup(encodeSetup(setup).code)).toEqual(setup);
    }
    const setupArb = fc.record({
      config: configArb().map((c): ExperimentConfig => ({
        ...c,
        dataset: { ...c.dataset, params: defaultDatasetParams(c.dataset.kind) },
      })),
      classroom: fc.record({
        preset: fc.option(fc.string({ maxLength: 64 }), { nil: null }),
        hidden: fc.uniqueArray(fc.constantFrom(...HIDEABLE_IDS)),
      }),
      data: fc.constant(null),
    });
    fc.assert(
      fc.property(setupArb, (setup) => {
        const back = decodeSetup(encodeSetup(setup).code);
        expect(JSON.stringify(back)).toBe(JSON.stringify(setup));
        expect(Object.is(back.config.train.beta, setup.config.train.beta)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('carries drawn points bit for bit while they are few, and leaves many out, saying so', () => {
    const few = withPoints(points(300));
    const small = encodeSetup(few);
    expect(small.dataLeftOut).toBe(false);
    const back = decodeSetup(small.code);
    expect(back.data).not.toBeNull();
    expect(new Uint8Array(back.data!.x.buffer)).toEqual(new Uint8Array(few.data!.x.buffer));
    expect(Array.from(back.data!.labels)).toEqual(Array.from(few.data!.labels));

    const many = encodeSetup(withPoints(points(5000)));
    expect(many.dataLeftOut).toBe(true);
    expect(many.code.length).toBeLessThanOrEqual(SETUP_LINK_DATA_LIMIT);
    const without = decodeSetup(many.code);
    expect(without.data).toBeNull();
    expect(without.config.dataset.kind).toBe('points');
  });

  it('is found in a page hash among other entries', () => {
    const { code } = encodeSetup(lecture());
    expect(setupCodeOf(`#setup=${code}`)).toBe(code);
    expect(setupCodeOf(`#x=1&setup=${code}`)).toBe(code);
    expect(setupCodeOf('')).toBeNull();
    expect(setupCodeOf('#learn')).toBeNull();
  });
});

describe('a bad setup link', () => {
  it('is named by the field that is wrong, in the session file’s words', () => {
    refused(
      linkOf((s) => (s.config.train.beta = 5000)),
      'config.train.beta',
      /must be at most 1000 \(got 5000\)/,
    );
    refused(
      linkOf((s) => ((s.config.model as Record<string, unknown>).likelihood = 'poisson')),
      'config.model.likelihood',
      /must be one of bernoulli, gaussian, gaussian-learned/,
    );
    refused(
      linkOf((s) => delete (s.config.train as Partial<ExperimentConfig['train']>).lr),
      'config.train.lr',
      /is missing/,
    );
    refused(
      linkOf((s) => (s.classroom.hidden = ['train.beta', 'train.betta'])),
      'classroom.hidden[1]',
      /"train.betta" is not a panel, control or view of VAE Lab/,
    );
    refused(
      linkOf((s) => (s.config.dataset.params = { classes: 5, petals: 3 })),
      'config.dataset.params',
      /unknown parameter "petals"/,
    );
  });

  it('with points that do not add up is refused naming them; generated data carries none', () => {
    const bad = points(10);
    refused(encodeSetup(withPoints({ ...bad, labels: bad.labels.slice(0, 9) })).code, 'data.labels', /has 9 labels/);
    const pinwheel = { ...lecture(), data: points(10) };
    // The encoder drops points a generated dataset does not need; a hand-made link may still carry them.
    expect(decodeSetup(encodeSetup(pinwheel).code).data).toBeNull();
  });

  it('that is damaged, cut short or of another version says so', () => {
    const { code } = encodeSetup(lecture());
    refused(code.slice(0, code.length - 12), '', /damaged or cut short/);
    refused(`${code.slice(0, 10)}*${code.slice(11)}`, '', /damaged or cut short.*position 8/);
    refused(code.replace(/^1\./, '2.'), 'version', /version 2.*newer VAE Lab/);
    refused('hello', 'version', /no version number/);
  });
});
