/** A save whose folder fsync fails has still replaced the file: the page is told "saved, but not yet flushed". */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { SessionService } from '../../src/main/session-service';
import { encodeSession } from '../../src/shared/session-codec';
import { lectureSession } from '../support/session-fixtures';

afterEach(() => vi.restoreAllMocks());

it('a failed folder fsync after the rename comes back as the summary warning, and the file is saved', async () => {
  const root = fs.mkdtempSync(join(tmpdir(), 'vae-lab-warn-'));
  const folder = join(root, 'sessions');
  try {
    const service = new SessionService({ folder, trash: async () => {} });
    service.start();
    const folderFds = new Set<number>();
    const realOpen = fs.openSync;
    const realFsync = fs.fsyncSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: string, flags: string, mode?: number) => {
      const fd = realOpen(p, flags, mode);
      if (p === folder) folderFds.add(fd);
      return fd;
    }) as typeof fs.openSync);
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      if (folderFds.has(fd)) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
      realFsync(fd);
    });
    const summary = await service.save('library', null, encodeSession({ ...lectureSession(), name: 'kept' }));
    const path = join(folder, `${summary.id}.vaelab`);
    expect(summary.warning).toBe(
      `saved ${path}, but not yet flushed to the disk (the folder could not be flushed: the disk reported an input/output error)`,
    );
    vi.restoreAllMocks();
    expect(service.open('library', summary.id).summary.name).toBe('kept');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
