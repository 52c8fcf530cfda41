// Document commands, view toggles and step mode. Every button has an accessible name.
import { useReactFlow } from '@xyflow/react';
import { START_EXAMPLE } from '../examples.ts';
import { layoutGraph } from '../model/layout.ts';
import { moveNodes } from '../model/graph-ops.ts';
import { FileMenu } from '../files-ui/index.ts';
import { useServices } from '../services.tsx';
import { useDocument } from '../store/document-store.ts';
import { useHistory } from '../store/history-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView, type LabelMode } from '../store/view-store.ts';
import { ExamplesMenu } from '../training/ExamplesMenu.tsx';

/** Little room around a fitted graph: at the default fit every bit of zoom is text size. */
const FIT_PADDING = 0.05;

const MODES: { mode: LabelMode; label: string }[] = [
  { mode: 'values', label: 'Values' },
  { mode: 'gradients', label: 'Gradients' },
  { mode: 'both', label: 'Both' },
  { mode: 'off', label: 'Off' },
];

export async function autoLayout(): Promise<void> {
  const graph = useDocument.getState().graph;
  const positions = await layoutGraph(graph, useView.getState().measured);
  // The document may have changed while ELK ran; move whatever nodes still exist.
  useDocument.getState().commit('layout', moveNodes(useDocument.getState().graph, positions));
}

export function Toolbar() {
  const { files } = useServices();
  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);
  const mode = useView((s) => s.labelMode);
  const stepMode = useView((s) => s.stepMode);
  const theme = useView((s) => s.theme);
  const codePanel = useView((s) => s.codePanel);
  const hasResults = useRun((s) => s.results !== null && !s.stale);
  const { fitView } = useReactFlow();
  const doc = useDocument.getState;

  return (
    <header className="bps-toolbar" role="toolbar" aria-label="Editor toolbar">
      <strong className="bps-brand">Backprop Studio</strong>
      <FileMenu />
      <button type="button" onClick={() => void files.openExampleDocument(START_EXAMPLE).then((r) => { if (r.status === 'opened') setTimeout(() => void fitView({ padding: FIT_PADDING }), 50); })}>Lecture example</button>
      <ExamplesMenu />
      <span className="sep" />
      <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => doc().undo()}>↶ Undo</button>
      <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z / Ctrl+Y)" disabled={!canRedo} onClick={() => doc().redo()}>↷ Redo</button>
      <span className="sep" />
      <button type="button" onClick={() => void autoLayout().then(() => setTimeout(() => void fitView({ padding: FIT_PADDING, duration: 200 }), 30))}>Auto-layout</button>
      <button type="button" onClick={() => void fitView({ padding: FIT_PADDING, duration: 200 })}>Fit view</button>
      <span className="sep" />
      <span className="bps-seg" role="group" aria-label="Edge labels">
        {MODES.map((m) => (
          <button key={m.mode} type="button" aria-pressed={mode === m.mode} title={`Edge labels: ${m.label.toLowerCase()}`} onClick={() => useView.getState().setLabelMode(m.mode)}>{m.label}</button>
        ))}
      </span>
      <span className="sep" />
      <button type="button" aria-pressed={codePanel} title="Show the graph as PyTorch code beside the canvas" onClick={() => useView.getState().setCodePanel(!codePanel)}>Code</button>
      <button type="button" aria-pressed={stepMode} disabled={!hasResults && !stepMode} onClick={() => useView.getState().setStepMode(!stepMode)}>Step</button>
      <button type="button" aria-label={theme === 'light' ? 'Dark theme' : 'Light theme'} onClick={() => useView.getState().toggleTheme()}>{theme === 'light' ? '☾ Dark' : '☀ Light'}</button>
    </header>
  );
}
