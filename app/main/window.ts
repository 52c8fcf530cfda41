// The main window, created with the hardened options spelled out literally (so the static checker
// sees them) and with the BrowserWindow class injected (so the tests can read them).
import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowFactory<W> = new (options: BrowserWindowConstructorOptions) => W;

export function createMainWindow<W>(BrowserWindow: WindowFactory<W>, preloadPath: string, title: string): W {
  return new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
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
    },
  });
}
