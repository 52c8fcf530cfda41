// The real DocumentFiles for the page: desktop inside Electron, else the browser implementation
// with the bundled examples and the files UI's own error banner and unsaved-changes dialog.
import { createDocumentFiles } from '../persistence/index.ts';
import { setFilesFactory } from './file-controller.ts';

const exampleTexts = import.meta.glob<string>('../../examples/*.bpgraph', { query: '?raw', import: 'default', eager: true });
const examples: Record<string, () => Promise<string>> = Object.fromEntries(
  Object.entries(exampleTexts).map(([path, text]) => [path.split('/').pop()!.replace(/\.bpgraph$/, ''), async () => text]),
);

export function installAppFiles(): void {
  setFilesFactory(({ notify, confirm }) => createDocumentFiles({ examples, notify, confirm }));
}
