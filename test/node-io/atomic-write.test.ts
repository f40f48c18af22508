import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SaveError, saveQueued, writeFileAtomic, type WriterFs } from '../../src/node-io/atomic-write';
import { cleanStrayTempFiles, tempFileName, tempFileOwner } from '../../src/node-io/temp-files';
import { compileWriterChild } from '../support/atomic-write-child';

/** Real faults (tmpfs, another user) can be set up only as root. */
const IS_ROOT = process.getuid?.() === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaelab-aw-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const listing = () => readdirSync(dir).sort();

/** Runs `f` and returns the SaveError it throws. */
function saveError(f: () => void): SaveError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SaveError);
    return e as SaveError;
  }
  throw new Error('the save did not fail');
}

describe('writeFileAtomic', () => {
  it('creates, replaces and keeps the previous version as .bak, leaving no temp files', () => {
    const target = join(dir, 'run.vaelab');
    writeFileAtomic(target, 'first');
    expect(listing()).toEqual(['run.vaelab']);
    writeFileAtomic(target, 'second');
    expect(read('run.vaelab')).toBe('second');
    expect(read('run.vaelab.bak')).toBe('first');
    writeFileAtomic(target, new TextEncoder().encode('third ✓'));
    expect(read('run.vaelab')).toBe('third ✓');
    expect(read('run.vaelab.bak')).toBe('second');
    expect(listing()).toEqual(['run.vaelab', 'run.vaelab.bak']);
    writeFileAtomic(target, 'fourth', { backup: false });
    expect(read('run.vaelab.bak')).toBe('second');
  });

  it('keeps the file mode of the file it replaces', () => {
    const target = join(dir, 'private.vaelab');
    writeFileSync(target, 'old', { mode: 0o600 });
    writeFileAtomic(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('loops over short writes until every byte is written', () => {
    const target = join(dir, 'short.vaelab');
    const calls: number[] = [];
    const stingy: Partial<WriterFs> = {
      writeSync: (fd, b, offset, length) => {
        const n = fs.writeSync(fd, b, offset, Math.min(length, 7));
        calls.push(n);
        return n;
      },
    };
    const text = 'x'.repeat(1000) + 'end';
    writeFileAtomic(target, text, { fs: stingy });
    expect(read('short.vaelab')).toBe(text);
    expect(calls.length).toBe(Math.ceil(1003 / 7));
  });

  it('a write that claims more than it wrote is caught by the size check: old file intact, temp removed', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old and good');
    const liar: Partial<WriterFs> = {
      writeSync: (fd, b, offset, length) => (fs.writeSync(fd, b, offset, Math.ceil(length / 2)), length),
    };
    const e = saveError(() => writeFileAtomic(target, 'a much longer new content', { fs: liar }));
    expect(e.message).toBe(`cannot save ${target}: only 13 of 25 bytes reached the disk`);
    expect(read('run.vaelab')).toBe('old and good');
    expect(listing()).toEqual(['run.vaelab']);
  });

  it('a write that makes no progress fails instead of looping forever', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    const e = saveError(() => writeFileAtomic(target, 'new', { fs: { writeSync: () => 0 } }));
    expect(e.code).toBe('ESHORT');
    expect(e.reason).toBe('not every byte reached the disk');
    expect(read('run.vaelab')).toBe('old');
    expect(listing()).toEqual(['run.vaelab']);
  });

  it('a failure at each later step leaves the old file and no temp file, with the reason', () => {
    const target = join(dir, 'run.vaelab');
    const fault = (code: string) => () => {
      throw Object.assign(new Error(`${code}: simulated`), { code });
    };
    const cases: [Partial<WriterFs>, string, string][] = [
      [{ fsyncSync: fault('EIO') }, 'EIO', 'the disk reported an input/output error'],
      [{ renameSync: fault('EACCES') }, 'EACCES', 'permission denied'],
      [{ openSync: fault('EROFS') }, 'EROFS', 'the disk is read-only'],
      [{ writeSync: fault('ENOSPC') }, 'ENOSPC', 'the disk is full'],
      [{ linkSync: fault('EPERM'), copyFileSync: fault('ENOSPC') }, 'ENOSPC', 'the disk is full'],
    ];
    for (const [faulty, code, reason] of cases) {
      writeFileSync(target, 'old');
      const e = saveError(() => writeFileAtomic(target, 'new', { fs: faulty }));
      expect([e.code, e.reason, e.message]).toEqual([code, reason, `cannot save ${target}: ${reason}`]);
      expect(read('run.vaelab')).toBe('old');
      expect(listing().filter((n) => tempFileOwner(n) !== null)).toEqual([]);
    }
  });

  it('falls back to copying when the file system has no hard links', () => {
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new', {
      fs: {
        linkSync: () => {
          throw Object.assign(new Error('no links'), { code: 'EPERM' });
        },
      },
    });
    expect([read('run.vaelab'), read('run.vaelab.bak')]).toEqual(['new', 'old']);
  });

  it('names a missing folder', () => {
    const target = join(dir, 'no-such-folder', 'run.vaelab');
    expect(() => writeFileAtomic(target, 'x')).toThrow(`cannot save ${target}: the folder does not exist`);
  });
});

describe('saveQueued', () => {
  it('runs saves to one path in call order; a failed save does not stop the next', async () => {
    const target = join(dir, 'run.vaelab');
    const order: string[] = [];
    const saves = ['1', '2', '3'].map((v) => saveQueued(target, () => (order.push(v), `version ${v}`)));
    const bad = saveQueued(target, 'x', {
      fs: {
        renameSync: () => {
          throw Object.assign(new Error('busy'), { code: 'EBUSY' });
        },
      },
    });
    const last = saveQueued(target, () => (order.push('5'), 'version 5'));
    await Promise.all(saves);
    await expect(bad).rejects.toThrow(`cannot save ${target}: the file is in use`);
    await last;
    expect(order).toEqual(['1', '2', '3', '5']);
    expect(read('run.vaelab')).toBe('version 5');
    expect(read('run.vaelab.bak')).toBe('version 3');
  });
});

describe('cleanStrayTempFiles', () => {
  it('removes only our temp names whose process is gone', () => {
    const dead = tempFileName('run.vaelab', 999_999_999);
    const deadBackup = tempFileName('run.vaelab.bak', 999_999_998);
    const mine = tempFileName('run.vaelab');
    const keep = ['run.vaelab', '.run.vaelab.tmp', 'notes.txt', '.x.123.abc.vaelab-tmp', mine];
    for (const n of [dead, deadBackup, ...keep]) writeFileSync(join(dir, n), 'x');
    expect(cleanStrayTempFiles(dir, (pid) => pid !== 999_999_999 && pid !== 999_999_998).sort()).toEqual(
      [dead, deadBackup].sort(),
    );
    expect(listing()).toEqual(keep.sort());
    expect(cleanStrayTempFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('temp names stay under 255 bytes for the longest target names', () => {
    const long = '語'.repeat(85);
    const name = tempFileName(long);
    expect(Buffer.byteLength(name)).toBeLessThan(200);
    expect(tempFileOwner(name)).toBe(process.pid);
  });
});

describe('real faults', () => {
  it('disk full (64 KiB tmpfs): SaveError "the disk is full", old file intact, no temp left', (ctx) => {
    const mnt = join(dir, 'small');
    fs.mkdirSync(mnt);
    if (!IS_ROOT) {
      console.warn('skipped: mounting a 64 KiB tmpfs needs root');
      ctx.skip();
      return;
    }
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (e) {
      // Root, yet no tmpfs (a container without the capability): the fault cannot be set up.
      if (!/permission denied|not permitted|unknown filesystem/i.test(String((e as { stderr?: unknown }).stderr)))
        throw e;
      console.warn(`skipped: no tmpfs can be mounted here: ${String((e as { stderr?: unknown }).stderr).trim()}`);
      ctx.skip();
      return;
    }
    try {
      const target = join(mnt, 'run.vaelab');
      writeFileAtomic(target, 'old session '.repeat(1000));
      const e = saveError(() => writeFileAtomic(target, 'new session '.repeat(20_000)));
      expect(e.code).toBe('ENOSPC');
      expect(e.message).toBe(`cannot save ${target}: the disk is full`);
      expect(readFileSync(target, 'utf8')).toBe('old session '.repeat(1000));
      expect(readdirSync(mnt)).toEqual(['run.vaelab']);
      // A save that fits still works afterwards.
      writeFileAtomic(target, 'small');
      expect(readFileSync(target, 'utf8')).toBe('small');
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('permission denied (a save run as user nobody into a root-owned folder): old file intact', (ctx) => {
    const child = compileWriterChild();
    const target = join(dir, 'run.vaelab');
    writeFileSync(target, 'old');
    fs.chmodSync(dir, 0o755);
    if (!IS_ROOT) {
      rmSync(join(child, '..'), { recursive: true, force: true });
      console.warn('skipped: running a save as another user (setpriv) needs root');
      ctx.skip();
      return;
    }
    let out: string;
    try {
      // A crash of the writer child is a failure of this test, not a skip.
      out = execFileSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, child, 'once', target, 'new'],
        { encoding: 'utf8' },
      );
    } finally {
      rmSync(join(child, '..'), { recursive: true, force: true });
    }
    expect(JSON.parse(out)).toEqual({
      ok: false,
      name: 'SaveError',
      code: 'EACCES',
      message: `cannot save ${target}: permission denied`,
    });
    expect(read('run.vaelab')).toBe('old');
    expect(listing()).toEqual(['run.vaelab']);
  });
});
