// The layer rules in eslint.config.js must actually bite: lint small snippets as if they lived in each layer.
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

// Probe files do not exist on disk, so the type-aware rules (which need a tsconfig that lists the file)
// are switched off for them; the layer rules under test need no types.
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// What neither pure layer (engine/, interop/) may use.
const PURE_LAYER_PROBES: [string, string][] = [
  ['react', "import { useState } from 'react';\nexport const x = useState;\n"],
  ['node', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['our renderer', "import { App } from '../renderer/App.tsx';\nexport const x = App;\n"],
  ['the DOM', 'export const x = document.title;\n'],
];

describe('layering', () => {
  it.each([
    ...PURE_LAYER_PROBES,
    ['electron', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('engine/ may not use %s', async (_what, code) => {
    expect(await problems('engine/probe.ts', code)).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
  });

  it('engine/ may use zod and its own files', async () => {
    expect(await problems('engine/probe.ts', "import { z } from 'zod';\nimport { zeros } from './tensor.ts';\nexport const x = [z, zeros];\n")).toEqual([]);
  });

  it.each([
    ...PURE_LAYER_PROBES,
    ['the CLI', "import { main } from '../cli/main.ts';\nexport const x = main;\n"],
    ['the Node writer', "import { writeFileAtomic } from '../node-io/atomic-write.ts';\nexport const x = writeFileAtomic;\n"],
  ])('interop/ may not use %s', async (_what, code) => {
    expect(await problems('interop/probe.ts', code)).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
  });

  it('interop/ may use the engine; engine/ may not use interop/', async () => {
    expect(await problems('interop/probe.ts', "import { compileGraph } from '../engine/index.ts';\nexport const x = compileGraph;\n")).toEqual([]);
    expect(await problems('engine/probe.ts', "import { exportPyTorch } from '../interop/index.ts';\nexport const x = exportPyTorch;\n")).toEqual([expect.stringMatching(/no-restricted-paths/)]);
  });

  it('app/ may not import renderer/', async () => {
    expect(await problems('app/main/probe.ts', "import { App } from '../../renderer/App.tsx';\nexport const x = App;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
  });

  it('the shared Node writer (node-io/) is for cli/ and app/ only, and imports nothing of ours', async () => {
    const probe = "import { writeFileAtomic } from '../node-io/atomic-write.ts';\nexport const x = writeFileAtomic;\n";
    const restricted = [expect.stringMatching(/no-restricted-(paths|imports)/)];
    expect(await problems('engine/probe.ts', probe)).toEqual(restricted);
    expect(await problems('renderer/probe.ts', probe)).toEqual(restricted);
    expect(await problems('cli/probe.ts', probe)).toEqual([]);
    expect(await problems('app/probe.ts', probe)).toEqual([]);
    expect(await problems('node-io/probe.ts', "import { zeros } from '../engine/tensor.ts';\nexport const x = zeros;\n")).toEqual(restricted);
  });

  it('renderer/ may not import electron or app code, only the preload API types', async () => {
    expect(await problems('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
    expect(await problems('renderer/probe.ts', "import { createMainWindow } from '../app/main/window.ts';\nexport const x = createMainWindow;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
    expect(await problems('renderer/probe.ts', "import type { BackpropApi } from '../app/preload/api-types.ts';\nexport type X = BackpropApi;\n")).toEqual([]);
  });
});

describe('the checks that matter', () => {
  // Real files on disk: import cycles and the type-aware rules need them (a tsconfig must list the file).
  const dir = new URL('./probe-files.tmp/', import.meta.url).pathname;
  const real = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  async function lintFiles(files: Record<string, string>): Promise<string[]> {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(dir + name, text);
    const results = await real.lintFiles(Object.keys(files).map((n) => dir + n));
    return results.flatMap((r) => r.messages.map((m) => `${m.ruleId}`));
  }
  afterAll(async () => { const { rmSync } = await import('node:fs'); rmSync(dir, { recursive: true, force: true }); });

  it('an import cycle is an error', async () => {
    expect(await lintFiles({
      'a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = (): number => a() - 1;\n",
    })).toEqual(['import-x/no-cycle', 'import-x/no-cycle']);
  });

  it('a promise nobody awaits or catches is an error, and so is a promise where a callback is expected', async () => {
    expect(await lintFiles({
      'floating.ts': "async function save(): Promise<void> {}\nexport function f(): void { save(); }\nexport const g = [1].forEach(async () => {});\n",
    })).toEqual(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']);
  });
});

describe('React hooks', () => {
  it('a hook called conditionally, and an effect missing a dependency, are errors', async () => {
    const code = "import { useEffect, useState } from 'react';\n"
      + 'export function A({ on, n }: { on: boolean; n: number }) {\n'
      + '  if (on) useState(0);\n'
      + '  useEffect(() => { console.log(n); }, []);\n'
      + '  return null;\n}\n';
    expect(await problems('renderer/probe.tsx', code)).toEqual([
      expect.stringMatching(/^react-hooks\/rules-of-hooks/), expect.stringMatching(/^react-hooks\/exhaustive-deps/),
    ]);
  });
});
