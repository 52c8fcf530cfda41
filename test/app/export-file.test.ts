// File → Export on the desktop: main asks where (starting in the open document's folder, with the
// format's filter), keeps only the file name the page suggests, and writes atomically.
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFile, type ExportDeps } from '../../app/main/export-file.ts';
import { tempDir } from './helpers.ts';

async function setup(documentPath: (dir: string) => string | null = () => null) {
  const dir = await tempDir();
  const asked: { defaultPath: string; filter: { name: string; extensions: string[] } }[] = [];
  const answers: (string | null)[] = [];
  const errors: string[] = [];
  const deps: ExportDeps = {
    chooseExportPath: async (defaultPath, filter) => { asked.push({ defaultPath, filter }); return answers.shift() ?? null; },
    showError: async (m) => { errors.push(m); },
    documentPath: () => documentPath(dir),
    documentsDir: join(dir, 'Documents'),
  };
  return { dir, deps, asked, answers, errors };
}

describe('exportToFile', () => {
  it('suggests <document>.py next to the open document and writes the text where the user chose', async () => {
    const t = await setup((dir) => join(dir, 'work', 'moons.bpgraph'));
    const target = join(t.dir, 'model.py');
    t.answers.push(target);
    expect(await exportToFile(t.deps, 'pytorch', 'moons.bpgraph', 'import torch\n')).toEqual({ status: 'saved', name: 'model.py' });
    expect(t.asked).toEqual([{ defaultPath: join(t.dir, 'work', 'moons.py'), filter: { name: 'Python script', extensions: ['py'] } }]);
    expect(await readFile(target, 'utf8')).toBe('import torch\n');
  });

  it('writes an ONNX model\'s bytes as they are, suggesting <document>.onnx with the ONNX filter', async () => {
    const t = await setup((dir) => join(dir, 'moons.bpgraph'));
    const target = join(t.dir, 'moons.onnx');
    t.answers.push(target);
    const bytes = new Uint8Array([0x08, 0x08, 0x12, 0xff, 0x00, 0x80]);
    expect(await exportToFile(t.deps, 'onnx', 'moons.bpgraph', bytes)).toEqual({ status: 'saved', name: 'moons.onnx' });
    expect(t.asked[0]!.filter).toEqual({ name: 'ONNX model', extensions: ['onnx'] });
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it('starts an untitled document in Documents, and never lets the suggested name leave the folder', async () => {
    const t = await setup();
    await exportToFile(t.deps, 'pytorch', '../../etc/passwd', 'x');
    await exportToFile(t.deps, 'pytorch', 'C:\\Users\\me\\evil.bpgraph', 'x');
    expect(t.asked.map((a) => a.defaultPath)).toEqual([join(t.dir, 'Documents', 'passwd.py'), join(t.dir, 'Documents', 'evil.py')]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const t = await setup();
    expect(await exportToFile(t.deps, 'pytorch', 'a.bpgraph', 'x')).toEqual({ status: 'cancelled' });
    expect(await readdir(t.dir)).toEqual([]);
  });

  it('says why a write failed and leaves the old file as it was', async () => {
    const t = await setup();
    const folder = join(t.dir, 'locked');
    await mkdir(folder);
    const target = join(folder, 'model.py');
    await writeFile(target, 'old');
    await chmod(target, 0o444);
    t.answers.push(target);
    const r = await exportToFile(t.deps, 'pytorch', 'a', 'new');
    expect(r.status).toBe('error');
    expect(t.errors).toEqual([expect.stringMatching(/^Could not export "model\.py": .*read-only/)]);
    expect(await readFile(target, 'utf8')).toBe('old');
  });
});
