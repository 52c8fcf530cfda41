// Document commands, view toggles and step mode. Every button has an accessible name. Groups fold into
// the ⋯ menu as the window narrows (layout/toolbar-fold.ts), so nothing overflows at 1024 px.
import { START_EXAMPLE } from '../examples.ts';
import { layoutGraph } from '../model/layout.ts';
import { moveNodes } from '../model/graph-ops.ts';
import { ExportMenu } from '../files-ui/ExportMenu.tsx';
import { FileMenu } from '../files-ui/index.ts';
import { useReadableFit } from '../layout/fit.ts';
import { TEXT_SIZES, useLayout } from '../layout/layout-store.ts';
import { Menu, type MenuEntry } from '../layout/Menu.tsx';
import { enterPresenter } from '../layout/presenter.ts';
import { inToolbar, useFoldLevel, type FoldLevel } from '../layout/toolbar-fold.ts';
import { useServices } from '../services.tsx';
import { useDocument } from '../store/document-store.ts';
import { useHistory } from '../store/history-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView, type LabelMode } from '../store/view-store.ts';
import { ExamplesMenu } from '../training/ExamplesMenu.tsx';

const MODES: { mode: LabelMode; label: string }[] = [
  { mode: 'values', label: 'Values' },
  { mode: 'gradients', label: 'Gradients' },
  { mode: 'both', label: 'Both' },
  { mode: 'off', label: 'Off' },
];

/** Fold groups: the toolbar keeps a group while the window is wide enough (see FOLD_AT). */
const FOLD: Record<'lecture' | 'layout' | 'theme' | 'labels' | 'code' | 'history' | 'fit', FoldLevel> = {
  lecture: 1, layout: 2, theme: 2, labels: 3, code: 3, history: 4, fit: 4,
};

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
  const layout = useLayout();
  const fit = useReadableFit();
  const level = useFoldLevel();
  const shown = (fold: FoldLevel): boolean => inToolbar(fold, level);
  const doc = useDocument.getState;

  const openLecture = (): void => void files.openExampleDocument(START_EXAMPLE);
  const runLayout = (): void => void autoLayout().then(() => fit.afterLayout(200));
  const themeLabel = theme === 'light' ? 'Dark theme' : 'Light theme';
  const toggleStep = (): void => useView.getState().setStepMode(!stepMode);

  const more: MenuEntry[] = [];
  if (!shown(FOLD.history)) {
    more.push({ id: 'undo', label: 'Undo', hint: 'Ctrl+Z', disabled: !canUndo, onSelect: () => doc().undo() });
    more.push({ id: 'redo', label: 'Redo', hint: 'Ctrl+Y', disabled: !canRedo, onSelect: () => doc().redo() });
  }
  if (!shown(FOLD.fit)) more.push({ id: 'fit', label: 'Fit view', onSelect: () => fit.fit(200) });
  if (!shown(FOLD.layout)) more.push({ id: 'layout', label: 'Auto-layout', onSelect: runLayout });
  if (!shown(FOLD.lecture)) more.push({ id: 'lecture', label: 'Lecture example', onSelect: openLecture });
  if (!shown(FOLD.code)) more.push({ id: 'code', label: 'Code', checked: codePanel, onSelect: () => useView.getState().setCodePanel(!codePanel) });
  if (more.length) more.push({ kind: 'separator', id: 'sep-labels' });
  if (!shown(FOLD.labels)) {
    more.push({ kind: 'heading', id: 'h-labels', label: 'Edge labels' });
    for (const m of MODES) more.push({ id: `labels-${m.mode}`, label: m.label, checked: mode === m.mode, onSelect: () => useView.getState().setLabelMode(m.mode) });
    more.push({ kind: 'separator', id: 'sep-text' });
  }
  more.push({ kind: 'heading', id: 'h-text', label: 'Text size' });
  for (const t of TEXT_SIZES) {
    more.push({ id: `text-${t.size}`, label: t.label, checked: layout.textSize === t.size, testId: `text-size-${t.size}`, onSelect: () => { layout.setTextSize(t.size); fit.afterLayout(150); } });
  }
  more.push({ kind: 'separator', id: 'sep-panels' });
  more.push({ id: 'palette', label: 'Module palette', checked: !layout.paletteFolded, onSelect: () => layout.setPaletteFolded(!layout.paletteFolded) });
  more.push({ id: 'inspector', label: 'Inspector', checked: !layout.inspectorFolded, onSelect: () => layout.setInspectorFolded(!layout.inspectorFolded) });
  if (!shown(FOLD.theme)) more.push({ id: 'theme', label: themeLabel, onSelect: () => useView.getState().toggleTheme() });

  return (
    <header className="bps-toolbar" role="toolbar" aria-label="Editor toolbar" data-fold-level={level}>
      <strong className="bps-brand">Backprop Studio</strong>
      <FileMenu />
      <ExportMenu />
      <ExamplesMenu />
      {shown(FOLD.lecture) ? <button type="button" onClick={openLecture}>Lecture example</button> : null}
      {shown(FOLD.history) ? (
        <>
          <span className="sep" />
          <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => doc().undo()}>↶ Undo</button>
          <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z / Ctrl+Y)" disabled={!canRedo} onClick={() => doc().redo()}>↷ Redo</button>
        </>
      ) : null}
      <span className="sep" />
      {shown(FOLD.layout) ? <button type="button" onClick={runLayout}>Auto-layout</button> : null}
      {shown(FOLD.fit) ? <button type="button" title="Fit the graph, keeping its text readable" onClick={() => fit.fit(200)}>Fit view</button> : null}
      {shown(FOLD.labels) ? (
        <>
          <span className="sep" />
          <span className="bps-seg" role="group" aria-label="Edge labels">
            {MODES.map((m) => (
              <button key={m.mode} type="button" aria-pressed={mode === m.mode} title={`Edge labels: ${m.label.toLowerCase()}`} onClick={() => useView.getState().setLabelMode(m.mode)}>{m.label}</button>
            ))}
          </span>
        </>
      ) : null}
      <span className="sep" />
      {shown(FOLD.code) ? <button type="button" aria-pressed={codePanel} title="Show the graph as PyTorch code beside the canvas" onClick={() => useView.getState().setCodePanel(!codePanel)}>Code</button> : null}
      <button type="button" aria-pressed={stepMode} disabled={!hasResults && !stepMode} onClick={toggleStep}>Step</button>
      <button type="button" aria-label="Presenter mode" title="Presenter mode (F5): canvas and steps only, large text; Esc leaves" onClick={enterPresenter}>▶ Present</button>
      {shown(FOLD.theme) ? <button type="button" aria-label={themeLabel} onClick={() => useView.getState().toggleTheme()}>{theme === 'light' ? '☾ Dark' : '☀ Light'}</button> : null}
      <Menu label="⋯" ariaLabel="More commands" title="More commands" testId="menu-more" entries={more} />
    </header>
  );
}
