// Which document the app was asked to open: `backprop-studio graph.bpgraph`, a double-click on a
// .bpgraph (file association), or a second launch while the app runs.
import * as nodeFs from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { DOCUMENT_EXTENSION } from './graph-files.ts';

/**
 * argv is process.argv (or a second instance's argv). Unpackaged, argv[1] is the main script;
 * Chromium switches start with "-" and are skipped.
 */
export function documentPathFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  const found = args.find((a) => !a.startsWith('-') && extname(a).toLowerCase() === DOCUMENT_EXTENSION);
  if (found === undefined) return null;
  return isAbsolute(found) ? found : resolve(cwd, found);
}

/** Bundled examples by id (file name without extension), for Help › Examples. */
export async function listExamples(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  let names: string[];
  try {
    names = await nodeFs.readdir(dir);
  } catch {
    return map;
  }
  for (const name of names.sort()) {
    if (extname(name) !== DOCUMENT_EXTENSION) continue;
    const id = basename(name, DOCUMENT_EXTENSION);
    if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) map.set(id, join(dir, name));
  }
  return map;
}

/** "lecture-two-layer" → "Lecture two layer". */
export function exampleLabel(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
