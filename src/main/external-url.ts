/** Hosts whose https pages may open in the system browser (exact host names, default port). */
export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = ['arxiv.org', 'en.wikipedia.org', 'github.com'];

/** The Help menu's "Learn about VAEs" page: Kingma & Welling, Auto-Encoding Variational Bayes. */
export const LEARN_ABOUT_VAES_URL = 'https://arxiv.org/abs/1312.6114';

/**
 * True only for `https:` URLs on an allow-listed host, with no credentials and no explicit port.
 * Everything else (http, file, javascript:, look-alike hosts such as `arxiv.org.evil.com`) is refused.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    ALLOWED_EXTERNAL_HOSTS.includes(parsed.hostname)
  );
}
