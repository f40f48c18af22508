import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/node-io/atomic-write';
import { newSessionId, resolveInside, sessionFileName, UnsafeNameError } from '../../src/node-io/safe-names';

const root = mkdtempSync(join(tmpdir(), 'vaelab-names-'));
const folder = join(root, 'sessions');
mkdirSync(folder);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Names built from the pieces attacks are made of. */
const hostile = fc
  .array(
    fc.constantFrom(
      '..',
      '.',
      '/',
      '\\',
      '\0',
      ':',
      'C:',
      ' ',
      'a',
      'run',
      '.vaelab',
      'é',
      '語',
      '\n',
      '%2e',
      '~',
      'CON',
      '\uD800',
      'x'.repeat(100),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));

describe('resolveInside', () => {
  it('refuses names that could leave the folder, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['../x', /path separator/],
      ['..', /"\.\." is not a file name/],
      ['.', /not a file name/],
      ['/etc/passwd', /path separator/],
      ['a\\..\\..\\b', /path separator/],
      ['x\0.vaelab', /NUL byte/],
      ['C:evil', /":"/],
      ['', /empty/],
      ['a'.repeat(256), /longer than 255 bytes/],
      ['語'.repeat(86), /longer than 255 bytes/],
      ['CON.vaelab', /device name/],
      ['run.', /ends with a dot/],
      ['line\nbreak', /control character/],
      ['bad\uD800half', /broken Unicode/],
    ];
    for (const [name, reason] of cases) expect(() => resolveInside(folder, name), JSON.stringify(name)).toThrow(reason);
    expect(() => resolveInside(folder, '../x')).toThrow(UnsafeNameError);
  });

  it('accepts ordinary names, including 255-byte and non-ASCII ones', () => {
    for (const name of [
      'run.vaelab',
      'pinwheel β=0.25.vaelab',
      '.hidden',
      '...dots',
      'a'.repeat(255),
      '語'.repeat(85),
    ]) {
      expect(resolveInside(folder, name)).toBe(join(folder, name));
    }
  });

  it('property: any name either is refused or names a file directly inside the folder', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 300 })), (name) => {
        let path: string;
        try {
          path = resolveInside(folder, name);
        } catch (e) {
          expect(e).toBeInstanceOf(UnsafeNameError);
          return;
        }
        expect(dirname(path)).toBe(folder);
        expect(basename(path)).toBe(name);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: saving under any accepted name writes inside the folder and nowhere else', () => {
    let written = 0;
    fc.assert(
      fc.property(hostile, (name) => {
        let path: string;
        try {
          path = resolveInside(folder, name);
        } catch {
          return;
        }
        writeFileAtomic(path, 'x');
        written++;
        expect(readdirSync(folder)).toContain(name);
      }),
      { numRuns: 400 },
    );
    expect(written).toBeGreaterThan(20);
    expect(readdirSync(root)).toEqual(['sessions']);
  });
});

describe('sessionFileName', () => {
  it('makes <id>.vaelab from generated ids and refuses anything else', () => {
    const id = newSessionId();
    expect(sessionFileName(id)).toBe(`${id}.vaelab`);
    for (const bad of ['../x', '', 'a/b', 'x\0', 'a'.repeat(65), '.hidden', 'a b'])
      expect(() => sessionFileName(bad)).toThrow(UnsafeNameError);
  });
});
