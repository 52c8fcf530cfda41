// Document files for the UI: pick the desktop or browser implementation once at start.
import type { DesktopGlobal } from '../../app/preload/api-types.ts';
import { defaultBrowserDeps } from './browser-adapters.ts';
import { createBrowserFiles, type BrowserFileDeps } from './browser-files.ts';
import { createDesktopFiles } from './desktop-files.ts';
import type { DocumentFiles } from './types.ts';

export type { DocumentFiles, FileLike, OpenResult, RecentEntry, SaveResult } from './types.ts';
export { createBrowserFiles, type BrowserFileDeps, type PickedFile, type WritableFile } from './browser-files.ts';
export { createDesktopFiles, type DesktopApi } from './desktop-files.ts';
export { createMemoryStore, type KeyValueStore } from './key-value.ts';
export { createIndexedDbStore } from './indexeddb-store.ts';
export { createMemoryLocks, createWebLocks, type TabLocks } from './tab-locks.ts';
export type { RestoreChoice, RestoreOffer } from './crash-copies.ts';
export { confirmEach, defaultBrowserDeps, installUnloadGuard } from './browser-adapters.ts';
export { startAutosaver, AUTOSAVE_INTERVAL_MS, type AutosaverOptions } from './autosaver.ts';

/** The desktop API when running inside the Electron shell, else undefined. */
export function desktopApi(): DesktopGlobal['backprop'] {
  return (globalThis as DesktopGlobal).backprop;
}

/** Desktop files inside Electron, browser files elsewhere; overrides adjust browser deps (examples, notify …). */
export function createDocumentFiles(overrides: Partial<BrowserFileDeps> = {}): DocumentFiles {
  const api = desktopApi();
  return api ? createDesktopFiles(api) : createBrowserFiles({ ...defaultBrowserDeps(), ...overrides });
}
