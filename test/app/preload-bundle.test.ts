// The sandboxed preload can require only 'electron': check the bundle build:app produces.
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('preload bundle', () => {
  it('is one CommonJS file whose only require is electron', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const out = await build({
      entryPoints: [join(root, 'app/preload/preload.ts')], bundle: true, platform: 'browser', format: 'cjs', target: 'chrome130',
      external: ['electron'], write: false, logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld("backprop"');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    expect(code.length).toBeLessThan(50_000);
  });
});
