// Desktop menu commands reach the editor's own actions.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../../engine/index.ts';
import { exportPyTorch } from '../../../interop/index.ts';
import { FileController } from '../../../renderer/files-ui/file-controller.ts';
import { useFileState } from '../../../renderer/files-ui/file-state.ts';
import type { DocumentFiles } from '../../../renderer/persistence/types.ts';
import { useLayout } from '../../../renderer/layout/layout-store.ts';
import { handleMenuCommand, type MenuTargets } from '../../../renderer/files-ui/menu-commands.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { useView } from '../../../renderer/store/view-store.ts';
import { TrainingClient } from '../../../renderer/training/training-client.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { exampleText } from '../persistence/fixtures.ts';

const calls: string[] = [];
const targets: MenuTargets = {
  viewport: { fit: () => calls.push('fit'), zoomIn: () => calls.push('in'), zoomOut: () => calls.push('out'), zoomReset: () => calls.push('reset') },
  prefersDark: () => true,
  // Training with no worker started: the verbs reach the training store, nothing runs.
  training: new TrainingClient({ createWorker: () => { throw new Error('not started'); }, engine: { showTrainedParameters: () => undefined, clearTrainedParameters: () => undefined } }),
  files: new FileController({ files: () => { throw new Error('no file commands in these tests'); }, training: { stop: () => undefined } }),
};

beforeEach(() => {
  calls.length = 0;
  useDocument.getState().load(parseGraphFile(exampleText));
  useView.setState({ labelMode: 'gradients', theme: 'light' });
  useFileState.setState({ status: null });
});

describe('menu commands', () => {
  /** The menu's targets with file commands over a DocumentFiles that records exports. */
  function exporting(result: 'saved' | 'cancelled') {
    const exported: [string, string, string][] = [];
    const files = { exportFile: async (format: string, name: string, text: string) => { exported.push([format, name, text]); return result === 'saved' ? { status: 'saved', name: 'x.py' } : { status: 'cancelled' }; } } as unknown as DocumentFiles;
    return { exported, targets: { ...targets, files: new FileController({ files: () => files, training: { stop: () => undefined } }) } };
  }

  it('Export writes the document\'s PyTorch script through the files layer, named after the document', async () => {
    const { exported, targets: t } = exporting('saved');
    useFileState.setState({ name: 'lecture.bpgraph' });
    handleMenuCommand({ type: 'export', format: 'pytorch' }, t);
    await expect.poll(() => exported.length).toBe(1);
    expect(exported[0]).toEqual(['pytorch', 'lecture.bpgraph', exportPyTorch(useDocument.getState().graph)]);
    await expect.poll(() => useFileState.getState().status).toBe('Exported "x.py"');
  });

  it('Export of a graph that cannot be exported shows why and writes nothing', async () => {
    const { exported, targets: t } = exporting('cancelled');
    useFileState.setState({ error: null });
    const doc = useDocument.getState();
    doc.select(['w1'], []);
    doc.deleteSelection();
    handleMenuCommand({ type: 'export', format: 'pytorch' }, t);
    await expect.poll(() => useFileState.getState().error).toMatch(/^Cannot export a PyTorch script: node "h1" \(sigmoid\), port "in": input is not connected/);
    expect(exported).toEqual([]);
  });

  it('Export Figure…, Copy Link and Open Link… open their dialogs (the desktop opens a pasted link in the page)', () => {
    for (const [type, dialog] of [['export-figure', 'figure'], ['copy-link', 'link'], ['open-link', 'open-link']] as const) {
      useFileState.setState({ dialog: null });
      handleMenuCommand({ type }, targets);
      expect(useFileState.getState().dialog).toBe(dialog);
    }
    useFileState.setState({ dialog: null });
  });

  it('undo and redo walk the document history', () => {
    const start = useDocument.getState().graph;
    const doc = useDocument.getState();
    doc.select([start.nodes[0]!.id], []);
    doc.deleteSelection();
    const edited = useDocument.getState().graph;
    handleMenuCommand({ type: 'undo' }, targets);
    expect(useDocument.getState().graph).toBe(start);
    handleMenuCommand({ type: 'redo' }, targets);
    expect(useDocument.getState().graph).toBe(edited);
  });

  it('Select All selects every node and edge; Delete removes the selection (no text field has focus)', () => {
    const graph = useDocument.getState().graph;
    handleMenuCommand({ type: 'select-all' }, targets);
    expect(useDocument.getState().selectedNodes).toEqual(graph.nodes.map((n) => n.id));
    expect(useDocument.getState().selectedEdges).toEqual(graph.edges.map((e) => e.id));
    handleMenuCommand({ type: 'delete' }, targets);
    expect(useDocument.getState().graph.nodes).toEqual([]);
    handleMenuCommand({ type: 'undo' }, targets);
    expect(useDocument.getState().graph).toBe(graph);
  });

  it('view commands reach the viewport', () => {
    for (const type of ['fit-view', 'zoom-in', 'zoom-out', 'zoom-reset'] as const) handleMenuCommand({ type }, targets);
    expect(calls).toEqual(['fit', 'in', 'out', 'reset']);
  });

  it('annotations toggle off and back to the previous label mode', () => {
    handleMenuCommand({ type: 'toggle-annotations' }, targets);
    expect(useView.getState().labelMode).toBe('off');
    handleMenuCommand({ type: 'toggle-annotations' }, targets);
    expect(useView.getState().labelMode).toBe('gradients');
  });

  it('View → Presenter Mode (F5) toggles presenter mode, as F5 does in the browser (issue 10.3)', () => {
    expect(useLayout.getState().presenter).toBe(false);
    handleMenuCommand({ type: 'toggle-presenter' }, targets);
    expect(useLayout.getState().presenter).toBe(true);
    handleMenuCommand({ type: 'toggle-presenter' }, targets);
    expect(useLayout.getState().presenter).toBe(false);
  });

  it('the system theme follows the OS preference', () => {
    handleMenuCommand({ type: 'set-theme', theme: 'system' }, targets);
    expect(useView.getState().theme).toBe('dark');
    handleMenuCommand({ type: 'set-theme', theme: 'light' }, targets);
    expect(useView.getState().theme).toBe('light');
  });

  it('Train starts training with the saved settings; Stop stops it; each says what happened', () => {
    handleMenuCommand({ type: 'stop' }, targets);
    expect(useFileState.getState().status).toMatch(/Nothing is training/);
    handleMenuCommand({ type: 'train' }, targets);
    expect(useTraining.getState().status).not.toBe('idle');
    expect(useFileState.getState().status).toMatch(/saved settings/);
    handleMenuCommand({ type: 'train' }, targets);
    expect(useFileState.getState().status).toMatch(/already running/);
  });
});
