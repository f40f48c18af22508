import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, LEARN_ABOUT_VAES_URL } from '../../src/main/external-url';

describe('isAllowedExternalUrl', () => {
  it('allows https pages on allow-listed hosts', () => {
    expect(isAllowedExternalUrl(LEARN_ABOUT_VAES_URL)).toBe(true);
    expect(isAllowedExternalUrl('https://en.wikipedia.org/wiki/Variational_autoencoder')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/')).toBe(true);
  });

  it('refuses other schemes', () => {
    for (const url of [
      'http://arxiv.org/abs/1312.6114',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://vae-lab/index.html',
      'smb://arxiv.org/share',
      'data:text/html,hi',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses look-alike hosts, subdomains, ports and credentials', () => {
    for (const url of [
      'https://arxiv.org.evil.com/abs/1',
      'https://evilarxiv.org/',
      'https://evil.com/?https://arxiv.org',
      'https://evil.com#https://arxiv.org',
      'https://arxiv.org@evil.com/',
      'https://user:pw@arxiv.org/',
      'https://arxiv.org:8443/',
      'https://gist.github.com.evil/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses garbage', () => {
    expect(isAllowedExternalUrl('')).toBe(false);
    expect(isAllowedExternalUrl('arxiv.org')).toBe(false);
  });
});
