/** The desktop app's sweep library on real temp folders; the system trash is a fake that records and moves. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionServiceError } from '../../src/main/library-files';
import { SweepService } from '../../src/main/sweep-service';
import { tempFileName } from '../../src/node-io';
import { decodeSweep, encodeSweep, type SweepFile } from '../../src/shared/sweep-file';
import { lectureSession } from '../support/session-fixtures';

let root: string;
let folder: string;
let trashed: string[];
let service: SweepService;

function sweep(name: string | undefined, runs = 2): SweepFile {
  const session = lectureSession();
  return {
    ...(name === undefined ? {} : { name }),
    appVersion: '0.1.0',
    createdAt: '2026-12-03T10:00:00.000Z',
    definition: { param: 'beta', values: Array.from({ length: runs }, (_, i) => 0.1 * (i + 1)) },
    runs: Array.from({ length: runs }, (_, i) => ({
      index: i,
      values: { beta: 0.1 * (i + 1) },
      status: i === runs - 1 ? ('failed' as const) : ('done' as const),
      message: i === runs - 1 ? 'its engine stopped' : null,
      file: `run-0${i + 1}.vaelab`,
      diagnostics: null,
      session: i === runs - 1 ? null : session,
    })),
  };
}
const text = (name?: string, runs = 2) => encodeSweep(sweep(name, runs));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vae-lab-sweeps-'));
  folder = join(root, 'sweeps');
  trashed = [];
  const trashDir = join(root, 'trash');
  service = new SweepService({
    folder,
    trash: async (path) => {
      mkdirSync(trashDir, { recursive: true });
      trashed.push(path);
      renameSync(path, join(trashDir, `${trashed.length}`));
    },
    now: () => new Date('2026-12-03T11:00:00.000Z'),
  });
  service.start();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SweepService', () => {
  it('saves under a generated id, lists it with its name and runs, and reads back the same text', async () => {
    const saved = await service.save(null, text('β over the lecture data', 3));
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(readdirSync(folder)).toEqual([`${saved.id}.vaelab-sweep`]);
    expect(saved).toMatchObject({ name: 'β over the lecture data', runs: 3, finished: 2 });
    const listing = service.list();
    expect(listing.broken).toEqual([]);
    expect(listing.sweeps).toEqual([saved]);
    const opened = service.open(saved.id);
    expect(opened.text).toBe(text('β over the lecture data', 3));
    expect(decodeSweep(opened.text, 'x').runs[0].session!.state!.weights).toEqual(lectureSession().state!.weights);
  });

  it('saving over a sweep keeps its previous version as .bak; deleting trashes both', async () => {
    const first = await service.save(null, text('first'));
    const again = await service.save(first.id, text('first, extended', 3));
    expect(again.id).toBe(first.id);
    const path = join(folder, `${first.id}.vaelab-sweep`);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(text('first'));
    expect(service.open(first.id).summary.name).toBe('first, extended');
    await service.remove(first.id);
    expect(trashed).toEqual([path, `${path}.bak`]);
    expect(service.list().sweeps).toEqual([]);
  });

  it('a damaged file is listed with the field and reason, offers its backup and restores it', async () => {
    const s = await service.save(null, text('one'));
    await service.save(s.id, text('two'));
    const path = join(folder, `${s.id}.vaelab-sweep`);
    writeFileSync(path, text('two').replace('"status": "done"', '"status": "fine"'));
    const { sweeps, broken } = service.list();
    expect(sweeps).toEqual([]);
    expect(broken).toEqual([
      {
        id: s.id,
        problem: expect.stringMatching(/runs\[0\]\.status: expected one of done, diverged, failed/),
        hasBackup: true,
      },
    ]);
    expect(() => service.open(s.id)).toThrow(SessionServiceError);
    const restored = await service.restoreBackup(s.id);
    expect(restored.summary.name).toBe('one');
    expect(service.open(s.id).text).toBe(text('one'));
    expect(readdirSync(folder).some((n) => n.includes('.damaged-'))).toBe(true);
    await expect(service.restoreBackup(s.id)).rejects.toThrow(/is not damaged/);
  });

  it('refuses hostile ids, garbage text and saves over sweeps it does not have; writes nothing outside the folder', async () => {
    for (const id of ['../x', '/etc/passwd', 'a/b', '', 42, null])
      expect(() => service.open(id)).toThrow(/is not a sweep id/);
    await expect(service.save('../../evil', text('x'))).rejects.toThrow(/is not a sweep id/);
    await expect(service.save('0000-not-here', text('x'))).rejects.toThrow(/no longer in the library/);
    await expect(service.save(null, 'not json')).rejects.toThrow(/the sweep to save: not a sweep file/);
    await expect(service.save(null, 42)).rejects.toThrow(/must be sent as text/);
    await expect(service.save(null, text('x').replace('"beta"', '"colour"'))).rejects.toThrow(/definition\.param/);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(root)).toEqual(['sweeps']);
  });

  it('imports a picked file into the library (a CLI file takes its file name) and exports to a picked path', async () => {
    const picked = join(root, 'beta.vaelab-sweep');
    writeFileSync(picked, text(undefined));
    const imported = await service.importPath(picked);
    expect(imported.summary.name).toBe('beta');
    expect(decodeSweep(imported.text, 'x').name).toBe('beta');
    // The picked file is read, never written; the library holds the copy.
    expect(readFileSync(picked, 'utf8')).toBe(text(undefined));
    expect(service.list().sweeps.map((s) => s.id)).toEqual([imported.summary.id]);
    const out = join(root, 'exported.vaelab-sweep');
    expect(await service.exportToPath(imported.summary.id, out)).toBeNull();
    expect(readFileSync(out, 'utf8')).toBe(imported.text);
    await expect(service.importPath(join(root, 'missing.vaelab-sweep'))).rejects.toThrow(/no such file/);
  });

  it('cleans temp files of saves cut short at start', () => {
    const stray = join(folder, tempFileName('x.vaelab-sweep', 999_999_999));
    writeFileSync(stray, 'half');
    expect(service.start()).toEqual([expect.stringContaining('x.vaelab-sweep')]);
    expect(existsSync(stray)).toBe(false);
  });
});
