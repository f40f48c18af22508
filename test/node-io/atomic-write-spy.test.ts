import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/node-io/atomic-write';

/** The writer calls node:fs through its module object, so spying on that object reaches it. */

afterEach(() => vi.restoreAllMocks());

it('with node:fs writeSync itself mocked to write at most 5 bytes per call, the whole file still arrives', () => {
  const dir = fs.mkdtempSync(join(tmpdir(), 'vaelab-spy-'));
  const real = fs.writeSync;
  const spy = vi
    .spyOn(fs, 'writeSync')
    .mockImplementation(((fd: number, b: Uint8Array, offset: number, length: number) =>
      real(fd, b, offset, Math.min(length, 5))) as typeof fs.writeSync);
  try {
    writeFileAtomic(join(dir, 'run.vaelab'), 'twenty-three characters');
    expect(spy).toHaveBeenCalledTimes(5);
    expect(fs.readFileSync(join(dir, 'run.vaelab'), 'utf8')).toBe('twenty-three characters');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
