/** The desktop app's session service on real temp folders; the system trash is a fake that records and moves. */
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
import { SessionService } from '../../src/main/session-service';
import { tempFileName } from '../../src/node-io';
import { encodeSession, decodeSession } from '../../src/shared/session-codec';
import { lectureSession } from '../support/session-fixtures';

let root: string;
let folder: string;
let trashed: string[];
let service: SessionService;
const text = (name = 'pinwheel β=0.25') => encodeSession({ ...lectureSession(), name });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vae-lab-sessions-'));
  folder = join(root, 'sessions');
  trashed = [];
  const trashDir = join(root, 'trash');
  service = new SessionService({
    folder,
    trash: async (path) => {
      mkdirSync(trashDir, { recursive: true });
      trashed.push(path);
      renameSync(path, join(trashDir, `${trashed.length}`));
    },
    now: () => new Date('2025-03-04T05:06:07.000Z'),
  });
  service.start();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SessionService', () => {
  it('saves under a generated id, lists it with name, dataset, epoch and loss, and reads back the same session', async () => {
    const saved = await service.save('library', null, text('first run'));
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(readdirSync(folder)).toEqual([`${saved.id}.vaelab`]);
    const { sessions, broken } = service.list();
    expect(broken).toEqual([]);
    expect(sessions).toEqual([
      {
        id: saved.id,
        place: 'library',
        name: 'first run',
        dataset: 'pinwheel',
        epoch: 2,
        loss: 48,
        modifiedAt: '2025-01-02T00:00:00.000Z',
        readOnly: false,
      },
    ]);
    const opened = service.open('library', saved.id);
    expect(decodeSession(opened.text, 'x').session.history.map((m) => m.loss)).toEqual([49, 48]);
  });

  it('saving again to the same id replaces the file and keeps the previous version as .bak', async () => {
    const { id } = await service.save('library', null, text('v1'));
    await service.save('library', id, text('v2'));
    expect(service.open('library', id).summary.name).toBe('v2');
    expect(decodeSession(readFileSync(join(folder, `${id}.vaelab.bak`), 'utf8'), 'bak').session.name).toBe('v1');
  });

  it('renames inside the file and duplicates into a new id named "(copy)"', async () => {
    const { id } = await service.save('library', null, text('run'));
    const renamed = await service.rename('library', id, 'β sweep 0.5');
    expect(renamed).toMatchObject({ id, name: 'β sweep 0.5', modifiedAt: '2025-03-04T05:06:07.000Z' });
    const copy = await service.duplicate('library', id);
    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe('β sweep 0.5 (copy)');
    expect(
      service
        .list()
        .sessions.map((s) => s.name)
        .sort(),
    ).toEqual(['β sweep 0.5', 'β sweep 0.5 (copy)']);
  });

  it('deletes by moving the file and its backup to the trash', async () => {
    const { id } = await service.save('library', null, text());
    await service.save('library', id, text());
    await service.remove(id);
    expect(trashed).toEqual([join(folder, `${id}.vaelab`), join(folder, `${id}.vaelab.bak`)]);
    expect(service.list().sessions).toEqual([]);
    await expect(service.remove(id)).rejects.toThrow('does not exist');
  });

  it('reports a corrupt file with the field and reason, keeps it, offers the backup and restores it on request', async () => {
    const { id } = await service.save('library', null, text('good'));
    await service.save('library', id, text('good'));
    const file = join(folder, `${id}.vaelab`);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 300));
    const { sessions, broken } = service.list();
    expect(sessions).toEqual([]);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ id, hasBackup: true });
    expect(broken[0].problem).toContain(`${id}.vaelab: not a VAE Lab session: the JSON is broken or cut short`);
    let error: unknown;
    try {
      service.open('library', id);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SessionServiceError);
    expect((error as SessionServiceError).hasBackup).toBe(true);
    expect(readFileSync(file, 'utf8')).toHaveLength(300); // kept as it was

    const restored = await service.restoreBackup('library', id);
    expect(restored.summary.name).toBe('good');
    const damaged = readdirSync(folder).filter((n) => n.includes('.damaged-'));
    expect(damaged).toEqual([`${id}.vaelab.damaged-2025-03-04T05-06-07-000Z`]);
    expect(readFileSync(join(folder, damaged[0]), 'utf8')).toHaveLength(300);
    expect(service.open('library', id).summary.name).toBe('good');
  });

  it('a wrong-schema file names the field; without a backup none is offered', () => {
    const raw = JSON.parse(text()) as Record<string, unknown>;
    raw.history = 'nope';
    writeFileSync(join(folder, 'abc.vaelab'), JSON.stringify(raw));
    const { broken } = service.list();
    expect(broken).toEqual([
      { id: 'abc', problem: expect.stringMatching(/^abc\.vaelab: history: /), hasBackup: false },
    ]);
  });

  it('refuses hostile ids, bad names and garbage text, and writes nothing outside the folder', async () => {
    for (const id of ['../x', '..', 'a/b', 'a\0b', 'x'.repeat(65), '', 42, null, '.hidden']) {
      expect(() => service.open('library', id)).toThrow(SessionServiceError);
      await expect(service.save('library', id === null ? 'a/b' : id, text())).rejects.toThrow(/not a session id/);
    }
    const { id } = await service.save('library', null, text());
    await expect(service.rename('library', id, 'n'.repeat(201))).rejects.toThrow('longer than 200 characters');
    await expect(service.rename('library', id, 7)).rejects.toThrow('must be text');
    await expect(service.rename('library', id, '  ')).rejects.toThrow('empty');
    await expect(service.save('library', null, 'garbage')).rejects.toThrow(
      'the session to save: not a VAE Lab session',
    );
    await expect(service.save('library', null, { text: 1 })).rejects.toThrow('must be sent as text');
    expect(() => service.open('file', id)).toThrow('no longer open'); // ids of picked files are separate
    expect(readdirSync(root).sort()).toEqual(['sessions']);
    expect(readdirSync(folder)).toEqual([`${id}.vaelab`]);
  });

  it('files picked by the user are saved through their id, never a path from the page', async () => {
    const picked = join(root, 'elsewhere.vaelab');
    const saved = await service.saveToPath(picked, text('outside'));
    expect(saved).toMatchObject({ place: 'file', path: picked, name: 'outside' });
    await service.save('file', saved.id, text('outside v2'));
    expect(decodeSession(readFileSync(picked, 'utf8'), 'x').session.name).toBe('outside v2');
    const reopened = service.openPath(picked);
    expect(reopened.summary).toMatchObject({ place: 'file', name: 'outside v2' });
    expect(reopened.summary.id).toBe(saved.id); // one id per file: opening again adds none
  });

  it('recent files get read-only ids: no save, rename or restore until allowed; ids of dropped files are pruned', async () => {
    const a = join(root, 'a.vaelab');
    const b = join(root, 'b.vaelab');
    writeFileSync(a, text('a'));
    writeFileSync(b, text('b'));
    const [ra, rb] = service.recent([a, b]);
    expect([ra.name, rb.name]).toEqual(['a', 'b']);
    expect(service.canWrite('file', ra.id)).toBe(false);
    await expect(service.save('file', ra.id, text('hijacked'))).rejects.toThrow(
      'a.vaelab was opened from the recent list; save it with Save As… or allow writing to it',
    );
    await expect(service.rename('file', ra.id, 'x')).rejects.toThrow(/opened from the recent list/);
    await expect(service.restoreBackup('file', ra.id)).rejects.toThrow(/opened from the recent list/);
    expect(decodeSession(readFileSync(a, 'utf8'), 'x').session.name).toBe('a');
    expect(service.open('file', ra.id).summary.name).toBe('a'); // reading is fine
    // Asking again and again gives the same ids, not new ones.
    for (let i = 0; i < 20; i++) expect(service.recent([a, b]).map((s) => s.id)).toEqual([ra.id, rb.id]);
    // b left the list: its id is gone.
    service.recent([a]);
    expect(() => service.open('file', rb.id)).toThrow('that file is no longer open');
    // The user allowed writing (a dialog of the main process): now it saves.
    service.grantWrite(ra.id);
    await service.save('file', ra.id, text('a v2'));
    expect(decodeSession(readFileSync(a, 'utf8'), 'x').session.name).toBe('a v2');
    // A file the user picked in a dialog keeps write access when it shows in the recent list.
    const picked = service.openPath(b);
    expect(service.recent([a, b]).map((s) => s.id)).toEqual([ra.id, picked.summary.id]);
    expect(service.canWrite('file', picked.summary.id)).toBe(true);
  });

  it('restoreBackup refuses a healthy file, and waits behind a save of the same path', async () => {
    const { id } = await service.save('library', null, text('first'));
    await service.save('library', id, text('second'));
    await expect(service.restoreBackup('library', id)).rejects.toThrow(
      `${id}.vaelab is not damaged: it opens as it is, so its backup is not restored over it`,
    );
    expect(service.open('library', id).summary.name).toBe('second');
    // Damaged, then an autosave of a good version is under way when the restore is asked for.
    const file = join(folder, `${id}.vaelab`);
    writeFileSync(file, 'garbage');
    const autosave = service.save('library', id, text('third'));
    const restore = service.restoreBackup('library', id);
    await autosave;
    await expect(restore).rejects.toThrow(/is not damaged/);
    expect(service.open('library', id).summary.name).toBe('third');
    expect(readdirSync(folder).filter((n) => n.includes('.damaged-'))).toEqual([]);
  });

  it('cleans temp files of saves cut short at start, and keeps those of live processes', () => {
    const dead = tempFileName('abc.vaelab', 999_999_999);
    const mine = tempFileName('abc.vaelab');
    writeFileSync(join(folder, dead), 'half');
    writeFileSync(join(folder, mine), 'in progress');
    expect(service.start()).toEqual([dead]);
    expect(existsSync(join(folder, dead))).toBe(false);
    expect(existsSync(join(folder, mine))).toBe(true);
  });
});
