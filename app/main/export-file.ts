// File → Export: main asks where (a save dialog with the format's filter, in the open document's
// folder) and writes the text or bytes the page made, atomically. The page names a file, never a path.
import { basename, dirname, join } from 'node:path';
import { exportFileName, fileFormats, type FileFormat } from '../../interop/formats.ts';
import { writeFileAtomic, writeFailureReason, keptCopyOf, type WriteFs } from '../../node-io/atomic-write.ts';
import type { SaveReply } from '../common/ipc-contract.ts';

export interface ExportDeps {
  /** A save dialog starting at `defaultPath`, offering files of one kind; null when cancelled. */
  chooseExportPath(defaultPath: string, filter: { readonly name: string; readonly extensions: string[] }): Promise<string | null>;
  showError(message: string): Promise<void>;
  /** The open document's path (its folder is where the dialog starts), or null for an untitled one. */
  documentPath(): string | null;
  documentsDir: string;
  writeFs?: WriteFs;
}

export async function exportToFile(deps: ExportDeps, format: FileFormat, suggestedName: string, content: string | Uint8Array): Promise<SaveReply> {
  const f = fileFormats[format];
  const name = exportFileName(suggestedName, format);
  const open = deps.documentPath();
  const path = await deps.chooseExportPath(join(open ? dirname(open) : deps.documentsDir, name), { name: f.filterName, extensions: [f.extension] });
  if (path === null) return { status: 'cancelled' };
  try {
    await writeFileAtomic(path, content, deps.writeFs ? { fs: deps.writeFs } : {});
  } catch (e) {
    const kept = keptCopyOf(e);
    const message = `Could not export "${basename(path)}": ${writeFailureReason(path, e)}.${kept ? ` The complete export is in ${kept}.` : ''}`;
    await deps.showError(message);
    return { status: 'error', message };
  }
  return { status: 'saved', name: basename(path) };
}
