// The real DocumentFiles for the page: desktop inside Electron, else the browser implementation
// with the bundled examples and the files UI's own error banner and unsaved-changes dialog.
import { examples as bundled } from '../examples.ts';
import { createDocumentFiles } from '../persistence/index.ts';
import type { FilesFactory } from './file-controller.ts';

const examples: Record<string, () => Promise<string>> = Object.fromEntries(bundled.map((e) => [e.id, async () => e.text]));

export const appDocumentFiles: FilesFactory = ({ notify, confirm, chooseRestore, progress }) => createDocumentFiles({ examples, notify, confirm, chooseRestore, progress });
