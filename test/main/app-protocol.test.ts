import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Handle = (request: Request) => Promise<Response>;
let handle: Handle | null = null;
const privileged: unknown[] = [];

vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: Handle) => {
      if (scheme === 'app') handle = handler;
    },
    registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
  },
}));

const { registerAppScheme, serveAppProtocol } = await import('../../src/main/app-protocol');

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vae-lab-app-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<h1>VAE Lab</h1>');
  writeFileSync(join(base, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  serveAppProtocol(join(base, 'renderer'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle!(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme with fetch support', () => {
    registerAppScheme();
    expect(privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves built files with their type and the CSP', async () => {
    const page = await get('app://vae-lab/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<h1>VAE Lab</h1>');
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'self'; script-src 'self';");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const script = await get('app://vae-lab/assets/app.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and anything outside the folder', async () => {
    expect((await get('app://vae-lab/missing.js')).status).toBe(404);
    expect((await get('app://vae-lab/..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://vae-lab/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it('refuses writes', async () => {
    expect((await get('app://vae-lab/index.html', 'POST')).status).toBe(405);
  });
});
