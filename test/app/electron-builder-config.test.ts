// The packaging config cannot be exercised here (every target downloads Electron), so check it
// against electron-builder's own schema and check the rules we rely on.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
const quietLogger = { isEnabled: false, add: () => undefined };

type Config = Record<string, unknown> & { files: string[]; linux: { target: string[] }; win: { target: string[] }; mac: { target: string[] }; fileAssociations: { ext: string }[]; extraMetadata: { main: string } };
const config = async (): Promise<Config> => load(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema validation', async () => {
    await expect(validateConfiguration(await config(), quietLogger)).resolves.toBeUndefined();
  });

  it('fails validation for a misspelt key (the check above can fail)', async () => {
    await expect(validateConfiguration({ ...(await config()), fileAssociation: [] }, quietLogger)).rejects.toThrow();
  });

  it('targets AppImage + deb, NSIS and dmg, associates .bpgraph, starts the bundled main', async () => {
    const c = await config();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.fileAssociations.map((f) => f.ext)).toEqual(['bpgraph']);
    expect(c.extraMetadata.main).toBe('dist-app/main.cjs');
    expect(c.files).toContain('dist-app/preload.cjs');
  });

  it('packs only main\'s runtime dependencies: renderer libraries stay devDependencies', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['zod']);
    for (const lib of ['react', 'react-dom', '@xyflow/react', 'electron']) expect(pkg.devDependencies, lib).toHaveProperty([lib]);
  });
});
