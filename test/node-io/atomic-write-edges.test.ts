import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SaveError, writeFileAtomic, type WriterFs } from '../../src/node-io/atomic-write';
import { saveTargetProblem } from '../../src/node-io/save-target';
import { tempFileName, tempFileOwner } from '../../src/node-io/temp-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaelab-edge-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const listing = () => readdirSync(dir).sort();
const temps = () => listing().filter((n) => tempFileOwner(n) !== null);
const fault = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** A rename that fails only when its destination is `to`. */
function renameFailingOnto(to: string, code: string): Partial<WriterFs> {
  return {
    renameSync: (a, b) => {
      if (b === to) throw fault(code);
      fs.renameSync(a, b);
    },
  };
}

describe('the writer at its edges', () => {
  it('a symlinked target stays a symlink, and the file it points to gets the content and the backup', () => {
    const real = join(dir, 'real.vaelab');
    const link = join(dir, 'link.vaelab');
    writeFileSync(real, 'old');
    fs.symlinkSync('real.vaelab', link);
    const result = writeFileAtomic(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read('link.vaelab')).toBe('new');
    expect(read('real.vaelab')).toBe('new');
    expect(read('real.vaelab.bak')).toBe('old');
    expect(result).toEqual({ path: real, warning: null });
    expect(listing()).toEqual(['link.vaelab', 'real.vaelab', 'real.vaelab.bak']);
  });

  it('stray temp files of a killed save are removed by the next save of the same file', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    const strays = [tempFileName('run.vaelab', 999_999_999), tempFileName('run.vaelab.bak', 999_999_998)];
    for (const n of strays) writeFileSync(join(dir, n), 'half');
    writeFileAtomic(target, 'new');
    expect(listing()).toEqual(['run.vaelab', 'run.vaelab.bak']);
  });

  it('FILE and FILE.bak one inode (a save killed between renames): the next save leaves a true backup', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    fs.linkSync(target, target + '.bak');
    writeFileAtomic(target, 'new');
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['new', 'old']);
    expect(fs.statSync(target).ino).not.toBe(fs.statSync(target + '.bak').ino);
    expect(listing()).toEqual(['run.vaelab', 'run.vaelab.bak']);
    writeFileAtomic(target, 'newer');
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['newer', 'new']);
  });

  it('a failed rename over the target: SaveError, the old file and the previous .bak are kept, no temp left', () => {
    const target = join(dir, 'run.vaelab');
    writeFileAtomic(target, 'first');
    writeFileAtomic(target, 'second');
    const e = (() => {
      try {
        writeFileAtomic(target, 'third', { fs: renameFailingOnto(target, 'EBUSY') });
      } catch (err) {
        return err as SaveError;
      }
      throw new Error('the save did not fail');
    })();
    expect(e).toBeInstanceOf(SaveError);
    expect(e.message).toBe(`cannot save ${target}: the file is in use`);
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['second', 'first']);
    expect(temps()).toEqual([]);
  });

  it('a failed rename of the backup: the save stands, the previous .bak is kept, and the warning says so', () => {
    const target = join(dir, 'run.vaelab');
    writeFileAtomic(target, 'first');
    writeFileAtomic(target, 'second');
    const result = writeFileAtomic(target, 'third', { fs: renameFailingOnto(target + '.bak', 'EIO') });
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['third', 'first']);
    expect(result.warning).toBe(
      `saved ${target}, but the previous version could not be kept as ${target}.bak: the disk reported an input/output error`,
    );
    expect(temps()).toEqual([]);
  });

  it('a failed fsync of the folder after the rename is "saved, but not yet flushed", with the backup in place', () => {
    const target = join(dir, 'run.vaelab');
    writeFileAtomic(target, 'old');
    const folderFds = new Set<number>();
    const faulty: Partial<WriterFs> = {
      openSync: (p, f, m) => {
        const fd = fs.openSync(p, f, m);
        if (p === dir) folderFds.add(fd);
        return fd;
      },
      fsyncSync: (fd) => {
        if (folderFds.has(fd)) throw fault('EIO');
        fs.fsyncSync(fd);
      },
    };
    const result = writeFileAtomic(target, 'new', { fs: faulty });
    expect(result.warning).toBe(
      `saved ${target}, but not yet flushed to the disk (the folder could not be flushed: the disk reported an input/output error)`,
    );
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['new', 'old']);
    expect(temps()).toEqual([]);
  });

  it('fsyncs the folder after both renames (a writer without the folder fsync fails here)', () => {
    const target = join(dir, 'run.vaelab');
    writeFileAtomic(target, 'old');
    const steps: string[] = [];
    const folderFds = new Set<number>();
    const watched: Partial<WriterFs> = {
      openSync: (p, f, m) => {
        const fd = fs.openSync(p, f, m);
        if (p === dir) folderFds.add(fd);
        return fd;
      },
      fsyncSync: (fd) => {
        steps.push(folderFds.has(fd) ? 'fsync folder' : 'fsync file');
        fs.fsyncSync(fd);
      },
      renameSync: (a, b) => {
        steps.push(b === target ? 'rename over target' : b === target + '.bak' ? 'rename backup' : `rename ${b}`);
        fs.renameSync(a, b);
      },
    };
    writeFileAtomic(target, 'new', { fs: watched });
    expect(steps).toEqual(['fsync file', 'rename over target', 'rename backup', 'fsync folder']);
  });

  it('"FILE.bak is a folder" names FILE.bak, before anything is written', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    fs.mkdirSync(target + '.bak');
    expect(() => writeFileAtomic(target, 'new')).toThrow(
      `cannot save ${target}: ${target}.bak is a folder, so the previous version cannot be kept`,
    );
    expect(read('run.vaelab')).toBe('old');
    expect(temps()).toEqual([]);
  });
});

describe('saveTargetProblem (checked before a long run)', () => {
  it('accepts a new file and an existing one', () => {
    writeFileSync(join(dir, 'old.vaelab'), 'x');
    expect(saveTargetProblem(join(dir, 'new.vaelab'))).toBeNull();
    expect(saveTargetProblem(join(dir, 'old.vaelab'))).toBeNull();
    expect(listing()).toEqual(['old.vaelab']);
  });

  it('names a missing folder, a folder as the target, a parent that is a file, and a name whose .bak is too long', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    fs.mkdirSync(join(dir, 'sub.vaelab'));
    const long = join(dir, 'a'.repeat(252) + '.vl');
    const cases: [string, string][] = [
      [join(dir, 'missing', 'run.vaelab'), 'the folder does not exist'],
      [join(dir, 'sub.vaelab'), 'it is a folder'],
      [join(dir, 'plain', 'run.vaelab'), `${join(dir, 'plain')} is not a folder`],
      [long, `the name is too long: its backup ${'a'.repeat(40)}… would be over 255 bytes`],
    ];
    for (const [target, reason] of cases)
      expect(saveTargetProblem(target)?.message, target).toBe(`cannot save ${target}: ${reason}`);
  });
});
