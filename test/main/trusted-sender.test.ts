import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../src/main/trusted-sender';

describe('isTrustedSender', () => {
  it('trusts pages of app://vae-lab', () => {
    expect(isTrustedSender('app://vae-lab/index.html')).toBe(true);
    expect(isTrustedSender('app://vae-lab/index.html#/session')).toBe(true);
  });

  it('refuses other origins, file:// and missing frames', () => {
    for (const url of [
      'app://evil/index.html',
      'app://vae-lab.evil.com/index.html',
      'app://vae-lab:1234/index.html',
      'app://x@vae-lab/index.html',
      'file:///work/out/renderer/index.html',
      'https://vae-lab/index.html',
      'http://localhost:5173/',
      'about:blank',
      '',
      'nonsense',
      undefined,
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });

  it('trusts the dev server origin only when one is given', () => {
    expect(isTrustedSender('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/index.html', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('http://evil.com/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('app://vae-lab/index.html', 'http://localhost:5173')).toBe(true);
  });
});
