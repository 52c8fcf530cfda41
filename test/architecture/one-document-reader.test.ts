// One reading rule for .bpgraph documents (issue 8.10): engine/read-document.ts is the only module that
// turns document text into JSON; every reader (CLI, desktop main, browser, crash copies, examples)
// goes through it, and none decodes a file's bytes itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const SOURCE_DIRS = ['engine', 'interop', 'cli', 'node-io', 'app', 'renderer'];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
  });
}

const files = SOURCE_DIRS.flatMap(sources).map((path) => ({ path: relative(root, join(root, path)), text: readFileSync(join(root, path), 'utf8') }));
const callers = (pattern: RegExp): string[] => files.filter((f) => pattern.test(f.text)).map((f) => f.path).sort();

/** JSON.parse outside the reader, each on text that is not a document. */
const OTHER_JSON = {
  'app/main/autosave.ts': "the autosave entry's envelope (its `text` goes to readGraphText)",
  'app/main/recent-files.ts': 'the recent-files list',
};

describe('one document reader', () => {
  it('only engine/read-document.ts calls JSON.parse on document text', () => {
    expect(callers(/JSON\.parse\s*\(/)).toEqual(['engine/read-document.ts', ...Object.keys(OTHER_JSON)].sort());
  });

  it('no module calls parseGraphFile or readGraphFile (the reader itself defines them, for tests)', () => {
    expect(callers(/\b(parseGraphFile|readGraphFile)\s*\(/)).toEqual(['engine/read-document.ts']);
  });

  it('the readers use it: the CLI, the shared app reader, and the bundled examples', () => {
    expect(callers(/\breadDocument\s*\(/)).toEqual(['app/common/graph-document.ts', 'cli/load.ts', 'engine/read-document.ts', 'renderer/examples.ts']);
    // desktop main (open, recent, examples, autosave), the browser (open, drop, examples, crash copies), IPC replies,
    // and links (FileController.openLink: a link's bytes, in both modes); a picked or dropped file's bytes in the
    // browser, in a worker (renderer/persistence/file-reading.ts)
    expect(callers(/\breadGraphText\s*\(/)).toEqual([
      'app/common/graph-document.ts', 'app/main/document.ts', 'app/main/graph-files.ts',
      'renderer/files-ui/file-controller.ts', 'renderer/persistence/browser-files.ts', 'renderer/persistence/crash-copies.ts', 'renderer/persistence/desktop-files.ts', 'renderer/persistence/file-reading.ts',
    ]);
  });

  it('no reader decodes a document file itself: bytes go to the engine', () => {
    const graphFiles = files.find((f) => f.path === 'app/main/graph-files.ts')!.text;
    expect(graphFiles).not.toMatch(/readFile\([^)]*'utf-?8'/);
    expect(files.find((f) => f.path === 'cli/main.ts')!.text).not.toMatch(/readFileSync\([^)]*'utf-?8'/);
    for (const f of files.filter((x) => x.path.startsWith('renderer/persistence/') || x.path.startsWith('renderer/files-ui/'))) {
      expect(f.text, f.path).not.toMatch(/\.text\(\)|new TextDecoder|readAsText/);
    }
  });
});
