// Window hardening in one place: the exact webPreferences, and the handlers that deny navigation,
// new windows, webviews, permissions and remote requests. Electron objects come in as narrow shapes.
import { APP_SCHEME } from './protocol.ts';

/** A web response's headers as session.webRequest.onHeadersReceived hands them over. */
export interface HeadersDetails { responseHeaders?: Record<string, string[]> }

/**
 * Adds the Content-Security-Policy to every response (defence in depth next to the app://
 * handler's own header). The literal must equal CONTENT_SECURITY_POLICY (test/app/security.test.ts);
 * it is spelled out so the static checker (electronegativity) can read it.
 */
export function addCspHeader(details: HeadersDetails, callback: (response: { responseHeaders: Record<string, string[]> }) => void): void {
  callback({
    responseHeaders: {
      ...details.responseHeaders,
      'Content-Security-Policy': ["default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'"],
    },
  });
}

/** Only plain web links leave the app, and only to the system browser. */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.hostname !== '';
}

export async function openExternalSafely(raw: string, openExternal: (url: string) => Promise<void>): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await openExternal(new URL(raw).href);
  return true;
}

/** Requests the renderer may make: our bundle, inline data and blobs, devtools. Everything else is cancelled. */
export function isAllowedRequest(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return [`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(url.protocol);
}

interface PreventableEvent { preventDefault(): void }

/** The parts of WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Denies every navigation and new window; a link goes to openInBrowser (which allows http(s) only). */
export function guardContents(contents: GuardedContents, openInBrowser: (url: string) => Promise<boolean>): void {
  const deny = (event: PreventableEvent): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(({ url }) => {
    void openInBrowser(url).catch(() => false);
    return { action: 'deny' };
  });
}

/** Permission requests (camera, notifications, …) are all refused: the app needs none. */
export function denyAllPermissions(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}
