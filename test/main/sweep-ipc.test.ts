/**
 * Sweeps across the desktop app's IPC without Electron: the page's ElectronSweepStore calls a
 * preload double that invokes main's registered handlers, which work on a real temp folder.
 * The system dialogs are fakes that answer the path a user would pick.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
const handlers = new Map<string, InvokeHandler>();
const dialogAnswers = { open: null as string | null, save: null as string | null };

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler) },
  dialog: {
    showOpenDialog: async () => ({
      canceled: dialogAnswers.open === null,
      filePaths: dialogAnswers.open === null ? [] : [dialogAnswers.open],
    }),
    showSaveDialog: async () => ({ canceled: dialogAnswers.save === null, filePath: dialogAnswers.save ?? undefined }),
  },
}));

const { registerSweepIpc } = await import('../../src/main/sweep-ipc');
const { SweepService } = await import('../../src/main/sweep-service');
const { IPC } = await import('../../src/shared/preload-api');
const { ElectronSweepStore } = await import('../../src/renderer/src/hosts/electron-sweep-store');
const { SweepStoreError } = await import('../../src/renderer/src/hosts/sweep-store');
const { encodeSweep } = await import('../../src/shared/sweep-file');
const { lectureSession } = await import('../support/session-fixtures');
type SweepApi = import('../../src/shared/preload-api').SweepApi;

const FROM_APP = { senderFrame: { url: 'app://vae-lab/index.html' } };
const FROM_ELSEWHERE = { senderFrame: { url: 'https://evil.example/' } };

const text = (name?: string) =>
  encodeSweep({
    ...(name === undefined ? {} : { name }),
    appVersion: '0.1.0',
    createdAt: '2026-12-03T10:00:00.000Z',
    definition: { param: 'beta', values: [0.25] },
    runs: [
      {
        index: 0,
        values: { beta: 0.25 },
        status: 'done',
        message: null,
        file: 'run-01.vaelab',
        diagnostics: null,
        session: lectureSession(),
      },
    ],
  });

let root: string;
let api: SweepApi;
let store: InstanceType<typeof ElectronSweepStore>;

beforeEach(() => {
  handlers.clear();
  dialogAnswers.open = null;
  dialogAnswers.save = null;
  root = mkdtempSync(join(tmpdir(), 'vae-lab-sweep-ipc-'));
  const service = new SweepService({ folder: join(root, 'sweeps'), trash: async () => undefined });
  service.start();
  registerSweepIpc(service, () => null, undefined);
  const invoke =
    (channel: string) =>
    (...args: unknown[]) =>
      handlers.get(channel)!(FROM_APP, ...args);
  api = {
    list: invoke(IPC.sweepList),
    load: invoke(IPC.sweepLoad),
    save: invoke(IPC.sweepSave),
    remove: invoke(IPC.sweepDelete),
    restoreBackup: invoke(IPC.sweepRestoreBackup),
    importFile: invoke(IPC.sweepImport),
    exportFile: invoke(IPC.sweepExport),
  } as unknown as SweepApi;
  store = new ElectronSweepStore(api);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('sweeps over IPC', () => {
  it('registers one handler per preload sweep function, each refusing other senders', () => {
    const channels = Object.entries(IPC)
      .filter(([k]) => k.startsWith('sweep'))
      .map(([, c]) => c);
    expect([...handlers.keys()].sort()).toEqual(channels.sort());
    for (const c of channels) expect(() => handlers.get(c)!(FROM_ELSEWHERE)).toThrow(/untrusted sender/);
  });

  it('saves, lists and loads a sweep as files in the sweeps folder', async () => {
    const saved = await store.save(null, text('β sweep'));
    expect(readdirSync(join(root, 'sweeps'))).toEqual([`${saved.id}.vaelab-sweep`]);
    expect((await store.list()).sweeps.map((s) => s.name)).toEqual(['β sweep']);
    const opened = await store.load(saved.id);
    expect(opened.file.runs[0].session!.state!.weights).toEqual(lectureSession().state!.weights);
  });

  it('a refusal reaches the page as a message: bad text, a path for an id', async () => {
    await expect(store.save(null, '{"format":"nope"}')).rejects.toThrow(SweepStoreError);
    await expect(store.save(null, '{"format":"nope"}')).rejects.toThrow(/format: expected "vae-lab-sweep"/);
    await expect(store.load('../../etc/passwd')).rejects.toThrow(/not a sweep id/);
    await expect(store.save('/tmp/x', text('x'))).rejects.toThrow(/not a sweep id/);
  });

  it('imports the file picked in the Open dialog and exports to the path picked in the Save dialog', async () => {
    expect(await store.importFile()).toBeNull(); // cancelled
    const picked = join(root, 'from-cli.vaelab-sweep');
    writeFileSync(picked, text());
    dialogAnswers.open = picked;
    const imported = (await store.importFile())!;
    expect(imported.summary.name).toBe('from-cli');
    expect(imported.file.name).toBe('from-cli');
    expect(await store.exportFile(imported.summary.id, 'from-cli')).toBeNull(); // cancelled
    const out = join(root, 'out.vaelab-sweep');
    dialogAnswers.save = out;
    expect(await store.exportFile(imported.summary.id, 'from-cli')).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe(
      readFileSync(join(root, 'sweeps', `${imported.summary.id}.vaelab-sweep`), 'utf8'),
    );
  });

  it('moves sweeps an earlier build kept in IndexedDB to the sweeps folder once, keeping any main refuses', async () => {
    const removed: string[] = [];
    const entries = [
      { id: 'a', text: text('kept in IndexedDB') },
      { id: 'b', text: '{"format":"damaged"}' },
    ];
    const moving = new ElectronSweepStore(api, {
      entries: async () => entries,
      remove: async (id) => void removed.push(id),
    });
    expect((await moving.list()).sweeps.map((s) => s.name)).toEqual(['kept in IndexedDB']);
    expect(removed).toEqual(['a']);
    expect(readdirSync(join(root, 'sweeps'))).toHaveLength(1);
    // The next listing moves nothing again.
    expect((await moving.list()).sweeps).toHaveLength(1);
    expect(removed).toEqual(['a']);
  });
});
