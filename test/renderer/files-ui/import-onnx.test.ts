// File → Import ONNX… against a scripted DocumentFiles: a model becomes a new, unsaved document once the
// unsaved-changes question (newDocument) says so; a refused model or a "Cancel" leaves the document.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../../engine/index.ts';
import { exportOnnx } from '../../../interop/index.ts';
import { FileController } from '../../../renderer/files-ui/file-controller.ts';
import { markClean, useFileState } from '../../../renderer/files-ui/file-state.ts';
import type { DocumentFiles, FileLike } from '../../../renderer/persistence/types.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { exampleText } from '../persistence/fixtures.ts';

const asFile = (name: string, bytes: Uint8Array): FileLike => ({ name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer });
const model = exportOnnx(parseGraphFile(exampleText));

let proceed: boolean[];
let asked: number;
let controller: FileController;

beforeEach(() => {
  proceed = [];
  asked = 0;
  const files = { newDocument: async () => { asked++; return proceed.shift() ?? false; }, setDirty: () => undefined } as unknown as DocumentFiles;
  controller = new FileController({ files: () => files, training: { stop: () => undefined }, pickModel: async () => asFile('lecture.onnx', model) });
  useDocument.getState().load(parseGraphFile(exampleText));
  markClean('lecture-two-layer.bpgraph', useDocument.getState().graph);
  useFileState.setState({ error: null, status: null });
});

describe('File → Import ONNX…', () => {
  it('opens the model as a new untitled document with unsaved changes, after asking', async () => {
    proceed.push(true);
    const result = await controller.importOnnxDocument();
    expect(result.status).toBe('opened');
    expect(asked).toBe(1);
    expect(useDocument.getState().graph.nodes.map((n) => n.id)).toEqual(['x', 'y', 'w1', 'h1', 'w2', 'h2', 'loss']);
    expect(useFileState.getState().name).toBe('Untitled.bpgraph');
    expect(controller.currentDirty()).toBe(true);
    expect(useFileState.getState().status).toMatch(/Imported "lecture.onnx"/);
  });

  it('keeps the document when the unsaved-changes question is cancelled', async () => {
    const before = useDocument.getState().graph;
    proceed.push(false);
    expect((await controller.importOnnxDocument()).status).toBe('cancelled');
    expect(useDocument.getState().graph).toBe(before);
  });

  it('a dropped .onnx file is imported the same way', async () => {
    proceed.push(true);
    expect((await controller.openDroppedFile(asFile('dropped.onnx', model))).status).toBe('opened');
    expect(useFileState.getState().status).toMatch(/Imported "dropped.onnx"/);
  });

  it('refuses a model it cannot import before asking anything, naming the operator and node', async () => {
    const before = useDocument.getState().graph;
    const result = await controller.importModelFile(asFile('x.onnx', new TextEncoder().encode('not a model at all')));
    expect(result.status).toBe('error');
    expect(asked).toBe(0);
    expect(useDocument.getState().graph).toBe(before);
    expect(useFileState.getState().error).toMatch(/^Cannot import "x.onnx": not an ONNX model/);
  });
});
