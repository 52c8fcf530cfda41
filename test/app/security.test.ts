import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../app/main/protocol.ts';
import { addCspHeader, denyAllPermissions, guardContents, isAllowedRequest, isSafeExternalUrl, openExternalSafely, type GuardedContents } from '../../app/main/security.ts';
import { createMainWindow } from '../../app/main/window.ts';

describe('window', () => {
  it('is created with exactly the hardened webPreferences', () => {
    let seen: BrowserWindowConstructorOptions | undefined;
    class FakeWindow { constructor(options: BrowserWindowConstructorOptions) { seen = options; } }
    createMainWindow(FakeWindow, '/app/dist-app/preload.cjs', 'Backprop Studio');
    expect(seen?.webPreferences).toEqual({
      preload: '/app/dist-app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
    expect(seen?.show).toBe(false);
  });
});

describe('CSP response header', () => {
  it('adds the same policy the app:// handler sends, keeping other headers', () => {
    let out: Record<string, string[]> | undefined;
    addCspHeader({ responseHeaders: { 'X-Other': ['1'] } }, (r) => { out = r.responseHeaders; });
    expect(out).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

function fakeContents() {
  const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (name: string, l: (e: { preventDefault(): void }) => void) => { listeners.set(name, l); return contents; },
    setWindowOpenHandler: (h) => { openHandler = h; },
  };
  return { contents, listeners, open: (url: string) => openHandler!({ url }) };
}

describe('navigation and new-window guards', () => {
  it('prevent every navigation, redirect and webview', () => {
    const { contents, listeners } = fakeContents();
    guardContents(contents, vi.fn());
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalled();
    }
  });

  it('deny every new window, handing http(s) links to the system browser only', async () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn(async () => undefined);
    guardContents(contents, (url) => openExternalSafely(url, openExternal));
    expect(open('https://example.org/docs')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://bundle/index.html')).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal.mock.calls).toEqual([['https://example.org/docs']]);
  });
});

describe('openExternal', () => {
  it('allows only http and https', () => {
    expect(isSafeExternalUrl('https://example.org')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/a?b#c')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'app://bundle/', 'https://user:pw@example.org', 'mailto:a@b.c', 'not a url', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('does not call the system for a refused url', async () => {
    const openExternal = vi.fn(async () => undefined);
    expect(await openExternalSafely('file:///C:/Windows/System32/calc.exe', openExternal)).toBe(false);
    expect(await openExternalSafely('https://example.org', openExternal)).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });
});

describe('no remote content', () => {
  it('allows our bundle and inline data, cancels the network and local files', () => {
    expect(isAllowedRequest('app://bundle/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedRequest('blob:app://bundle/1234')).toBe(true);
    for (const url of ['https://cdn.example/x.js', 'http://localhost:5173/', 'wss://x/', 'file:///etc/passwd', 'ftp://x/']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('denies every permission request', () => {
    const cb = vi.fn();
    denyAllPermissions({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });
});
