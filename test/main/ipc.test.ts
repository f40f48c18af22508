import { beforeEach, describe, expect, it, vi } from 'vitest';

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
const handlers = new Map<string, InvokeHandler>();
const openExternal = vi.fn(async (_url: string) => undefined);

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler) },
  shell: { openExternal: (url: string) => openExternal(url) },
}));

const { registerIpc } = await import('../../src/main/ipc');
const { IPC } = await import('../../src/shared/preload-api');

const FROM_APP = { senderFrame: { url: 'app://vae-lab/index.html' } };
const FROM_ELSEWHERE = { senderFrame: { url: 'https://evil.example/' } };

describe('registerIpc', () => {
  const restartEngine = vi.fn();
  beforeEach(() => {
    handlers.clear();
    restartEngine.mockClear();
    openExternal.mockClear();
    registerIpc({ restartEngine }, undefined);
  });

  it('registers one handler per preload action', () => {
    expect([...handlers.keys()].sort()).toEqual([IPC.openExternal, IPC.restartEngine].sort());
  });

  it('runs actions for our own page', async () => {
    await handlers.get(IPC.restartEngine)!(FROM_APP);
    expect(restartEngine).toHaveBeenCalledTimes(1);
  });

  it('refuses other senders and vanished frames', () => {
    expect(() => handlers.get(IPC.restartEngine)!(FROM_ELSEWHERE)).toThrow(/untrusted sender https:\/\/evil\.example/);
    expect(() => handlers.get(IPC.restartEngine)!({ senderFrame: null })).toThrow(/untrusted sender/);
    expect(restartEngine).not.toHaveBeenCalled();
  });

  it('opens only allow-listed links', async () => {
    const open = handlers.get(IPC.openExternal)!;
    expect(await open(FROM_APP, 'https://arxiv.org/abs/1312.6114')).toBe(true);
    expect(await open(FROM_APP, 'file:///etc/passwd')).toBe(false);
    expect(await open(FROM_APP, 42)).toBe(false);
    expect(openExternal.mock.calls).toEqual([['https://arxiv.org/abs/1312.6114']]);
  });

  it('trusts the dev server only in dev', async () => {
    handlers.clear();
    registerIpc({ restartEngine }, 'http://localhost:5173');
    await handlers.get(IPC.restartEngine)!({ senderFrame: { url: 'http://localhost:5173/' } });
    expect(restartEngine).toHaveBeenCalledTimes(1);
  });
});
