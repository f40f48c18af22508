import { shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-url';

/**
 * Lock a page in place: no navigation away, no new windows, no <webview>. Links to
 * allow-listed https pages open in the system browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
