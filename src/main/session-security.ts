import type { Session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy.mjs';

/** The lab needs no camera, microphone, notifications, geolocation, HID or USB: refuse all. */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Add the CSP to http(s) responses too: only the dev server serves over http, and its pages
 * must run under the same policy as `app://` (plus Vite's websocket).
 */
export function addCspToHttpResponses(target: Session, devOrigin: string | undefined): void {
  const policy = contentSecurityPolicy(devOrigin);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
