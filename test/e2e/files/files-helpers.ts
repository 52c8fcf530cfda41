// Shared steps of the file tests: the page without File System Access pickers (so Open uses the
// file input and Save the download, which Playwright can drive), picking and dropping files.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickFromMenu, waitForRun } from '../helpers.ts';

export const examplePath = (name: string): string => join(import.meta.dirname, '..', '..', '..', 'examples', name);
export const exampleText = (name: string): string => readFileSync(examplePath(name), 'utf8');

/** Headless Chromium has showOpenFilePicker/showSaveFilePicker, which Playwright cannot answer: hide them. */
export async function withoutFsAccessPickers(page: Page): Promise<void> {
  // A script string: this file is type-checked without the DOM library.
  await page.addInitScript(`for (const name of ['showOpenFilePicker', 'showSaveFilePicker']) Object.defineProperty(window, name, { value: undefined, configurable: true });`);
}

export async function openApp(page: Page): Promise<void> {
  await withoutFsAccessPickers(page);
  await page.goto('/');
  await waitForRun(page);
  // Start-up has named the document once the title shows the example's name.
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
}

export type Unsaved = 'save' | "don't save" | 'cancel';

/** Clicks Open…, answers the unsaved-changes dialog if asked to, and picks the file. */
export async function openViaPicker(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, unsaved?: Unsaved): Promise<void> {
  // Without edits no question comes first: a dirty title here means the document changed on its own.
  if (!unsaved) await expect(page).not.toHaveTitle(/^• /);
  // Chromium refuses a file input without user activation and says so only on the console: keep its words.
  const warnings: string[] = [];
  const keep = (m: { type(): string; text(): string }): void => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); };
  page.on('console', keep);
  const chooser = page.waitForEvent('filechooser', { timeout: 60_000 }).catch(async (e: unknown) => {
    throw new Error(`no file chooser after File → Open… (title "${await page.title()}", console: ${JSON.stringify(warnings)}): ${String(e)}`);
  });
  chooser.catch(() => undefined); // a failed click below is the error to report, not this one
  try {
    await pickFromMenu(page, 'File', 'Open…');
    if (unsaved) await answerUnsaved(page, unsaved);
    await (await chooser).setFiles(file);
  } finally {
    page.off('console', keep);
  }
}

export async function answerUnsaved(page: Page, answer: Unsaved): Promise<void> {
  const dialog = page.getByTestId('unsaved-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: answer === 'save' ? 'Save' : answer === 'cancel' ? 'Cancel' : "Don't save", exact: true }).click();
  await expect(dialog).toBeHidden();
}

export const textFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

/** Drags a file from "the desktop" over the canvas and drops it, as the OS would. */
export async function dropFile(page: Page, name: string, text: string | { repeat: string; times: number }): Promise<void> {
  const body = typeof text === 'string' ? JSON.stringify(text) : `${JSON.stringify(text.repeat)}.repeat(${text.times})`;
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${body}], ${JSON.stringify(name)}, { type: 'application/json' }));
    return dt;
  })()`);
  const canvas = page.getByTestId('canvas');
  await canvas.dispatchEvent('dragenter', { dataTransfer });
  await canvas.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await canvas.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
}

/** One undoable edit with the real mouse and keyboard: select a node and delete it. */
export async function deleteNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).click();
  // Delete acts on the selection: wait for it (under load the key came before the click had selected it).
  await expect(page.locator('.react-flow__node.selected').filter({ has: page.getByTestId(`node-${id}`) }).or(page.locator(`.react-flow__node.selected[data-testid="node-${id}"]`))).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId(`node-${id}`)).toHaveCount(0);
}

export interface CrashCopy { key: string; name: string; text: string }

/** Every crash copy in IndexedDB (database backprop-studio, store kv, keys autosave:<tab>), oldest key first. */
export async function crashCopies(page: Page): Promise<CrashCopy[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const req = indexedDB.open('backprop-studio', 1);
    req.onupgradeneeded = () => { req.result.createObjectStore('kv'); };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const store = req.result.transaction('kv', 'readonly').objectStore('kv');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        req.result.close();
        resolve(keys.result.map((key, i) => ({ key, ...values.result[i] })).filter((c) => String(c.key).startsWith('autosave')).sort((a, b) => String(a.key).localeCompare(String(b.key))));
      };
      values.onerror = () => reject(values.error);
    };
  })`);
}
