import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/content-security-policy.mjs';

describe('contentSecurityPolicy', () => {
  it('is strict in the built app', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('lets only the dev server websocket in during dev', () => {
    const policy = contentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("connect-src 'self' ws://localhost:5173;");
    expect(policy).toContain("script-src 'self';");
  });
});
