import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => undefined);
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => openExternal(url) } }));

const { hardenWebContents } = await import('../../src/main/web-contents-security');
const { addCspToHttpResponses, denyAllPermissions } = await import('../../src/main/session-security');

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const emit = (name: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, 'https://evil.example/');
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, emit, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('blocks navigation, redirects and <webview>', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents as never);
    expect(fake.emit('will-navigate')).toBe(true);
    expect(fake.emit('will-redirect')).toBe(true);
    expect(fake.emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window and sends only allow-listed links to the browser', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents as never);
    expect(fake.open('https://en.wikipedia.org/wiki/Autoencoder')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('app://vae-lab/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://en.wikipedia.org/wiki/Autoencoder']]);
  });
});

describe('session security', () => {
  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    } as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      request!(null, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });

  it('adds the CSP to http responses, keeping their other headers', () => {
    let listener: ((details: unknown, callback: (response: unknown) => void) => void) | null = null;
    addCspToHttpResponses(
      { webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } } as never,
      'http://localhost:5173',
    );
    let response: { responseHeaders: Record<string, string[]> } | null = null;
    listener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (response = r as typeof response));
    expect(response!.responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(response!.responseHeaders['Content-Security-Policy'][0]).toContain("connect-src 'self' ws://localhost:5173");
    expect(response!.responseHeaders['Content-Security-Policy'][0]).toContain("script-src 'self';");
  });
});
