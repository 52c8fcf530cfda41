// The layer rules in eslint.config.js must actually bite: lint small snippets as if they lived in each layer.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
  it.each([
    ['react', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['node', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron', "import { app } from 'electron';\nexport const x = app;\n"],
    ['our renderer', "import { App } from '../renderer/App.tsx';\nexport const x = App;\n"],
    ['the DOM', 'export const x = document.title;\n'],
  ])('engine/ may not use %s', async (_what, code) => {
    expect(await problems('engine/probe.ts', code)).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
  });

  it('engine/ may use zod and its own files', async () => {
    expect(await problems('engine/probe.ts', "import { z } from 'zod';\nimport { zeros } from './tensor.ts';\nexport const x = [z, zeros];\n")).toEqual([]);
  });

  it('app/ may not import renderer/', async () => {
    expect(await problems('app/main/probe.ts', "import { App } from '../../renderer/App.tsx';\nexport const x = App;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
  });

  it('renderer/ may not import electron or app code, only the preload API types', async () => {
    expect(await problems('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
    expect(await problems('renderer/probe.ts', "import { createMainWindow } from '../app/main/window.ts';\nexport const x = createMainWindow;\n")).toEqual([expect.stringMatching(/no-restricted-(paths|imports|globals)/)]);
    expect(await problems('renderer/probe.ts', "import type { BackpropApi } from '../app/preload/api-types.ts';\nexport type X = BackpropApi;\n")).toEqual([]);
  });
});
