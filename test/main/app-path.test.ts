import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppPath } from '../../src/main/app-path';

const ROOT = join('/srv', 'vae-lab', 'renderer');

function isInsideRoot(file: string | null): boolean {
  return file !== null && file.startsWith(ROOT + sep);
}

describe('resolveAppPath', () => {
  it('maps app://vae-lab paths to files under the root', () => {
    expect(resolveAppPath('app://vae-lab/index.html', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath('app://vae-lab/assets/index-abc.js?v=1#x', ROOT)).toBe(join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppPath('app://vae-lab/data/my%20digits.bin', ROOT)).toBe(join(ROOT, 'data', 'my digits.bin'));
  });

  it('serves index.html for a folder', () => {
    expect(resolveAppPath('app://vae-lab/', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath('app://vae-lab', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath('app://vae-lab/docs/', ROOT)).toBe(join(ROOT, 'docs', 'index.html'));
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    expect(resolveAppPath('file:///etc/passwd', ROOT)).toBeNull();
    expect(resolveAppPath('https://vae-lab/index.html', ROOT)).toBeNull();
    expect(resolveAppPath('app://evil/index.html', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab:8080/index.html', ROOT)).toBeNull();
    expect(resolveAppPath('app://user:pw@vae-lab/index.html', ROOT)).toBeNull();
    expect(resolveAppPath('not a url', ROOT)).toBeNull();
  });

  it('keeps literal ../ inside the root (the URL parser folds them away)', () => {
    const file = resolveAppPath('app://vae-lab/../../etc/passwd', ROOT);
    expect(file).toBe(join(ROOT, 'etc', 'passwd'));
    expect(isInsideRoot(resolveAppPath('app://vae-lab/assets/../../../../etc/passwd', ROOT))).toBe(true);
  });

  it('refuses encoded traversal: %2e%2e, %2f and %5c', () => {
    // The URL parser treats %2e%2e segments like `..` and folds them: the result stays inside.
    expect(resolveAppPath('app://vae-lab/%2e%2e/%2e%2e/etc/passwd', ROOT)).toBe(join(ROOT, 'etc', 'passwd'));
    expect(resolveAppPath('app://vae-lab/..%2f..%2fetc%2fpasswd', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab/assets/..%2F..%2F..%2Fetc/passwd', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab/%2E%2E%2F%2E%2E%2Fsecret', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab/..%5c..%5cwindows%5cwin.ini', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab/%2e%2e%2frenderer-evil/x.js', ROOT)).toBeNull(); // sibling folder sharing the prefix
  });

  it('refuses NUL bytes and malformed escapes', () => {
    expect(resolveAppPath('app://vae-lab/index.html%00.png', ROOT)).toBeNull();
    expect(resolveAppPath('app://vae-lab/%E0%A4%A', ROOT)).toBeNull();
  });

  it('never returns the root itself or a path outside it', () => {
    const attempts = [
      'app://vae-lab/.',
      'app://vae-lab/%2e',
      'app://vae-lab/%2e%2e',
      'app://vae-lab/a/%2e%2e/%2e%2e/%2e%2e/b',
      'app://vae-lab//etc/passwd',
      'app://vae-lab/%2fetc%2fpasswd',
    ];
    for (const url of attempts) {
      const file = resolveAppPath(url, ROOT);
      expect(file === null || isInsideRoot(file), url).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it('names the types the renderer build emits', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('/x/README')).toBe('application/octet-stream');
  });
});
