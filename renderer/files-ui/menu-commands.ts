// The desktop menu's commands mapped onto the editor's existing actions. React-free.
import type { MenuCommand, Theme } from '../../app/preload/api-types.ts';
import { timelineFor } from '../canvas/step-state.ts';
import { reachableStep } from '../exercise/step-gate.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView, type LabelMode } from '../store/view-store.ts';
import { showStatus } from './file-state.ts';
import type { FileController, ViewportActions } from './file-controller.ts';
import { isActive, useTraining } from '../training/training-store.ts';

/** The services the menu drives (training: the training client's verbs). */
export interface MenuTargets {
  viewport: ViewportActions;
  /** What the operating system prefers when the theme is "system". */
  prefersDark(): boolean;
  files: Pick<FileController, 'newDocument' | 'openDocument' | 'saveDocument' | 'openRecentDocument' | 'openExampleDocument' | 'exportDocument' | 'importOnnxDocument'>;
  training: { train(settings: Record<string, never>): void; stop(): void };
}

let labelsBeforeHiding: LabelMode = 'both';

/** Edge labels are the canvas annotations: hide them, or bring back the mode they had. */
export function toggleAnnotations(): void {
  const view = useView.getState();
  if (view.labelMode === 'off') view.setLabelMode(labelsBeforeHiding);
  else {
    labelsBeforeHiding = view.labelMode;
    view.setLabelMode('off');
  }
}

export function setTheme(theme: Theme, prefersDark: () => boolean): void {
  const wanted = theme === 'system' ? (prefersDark() ? 'dark' : 'light') : theme;
  if (useView.getState().theme !== wanted) useView.getState().toggleTheme();
}

/** Step forward/back through the chain-rule timeline; the first step turns step mode on. */
export function stepBy(delta: 1 | -1): void {
  const run = useRun.getState();
  if (!run.results || run.stale) {
    showStatus('Step mode needs a valid, run graph.');
    return;
  }
  const view = useView.getState();
  if (!view.stepMode) {
    view.setStepMode(true);
    return;
  }
  const last = timelineFor(run.results).length - 1;
  view.setStepIndex(reachableStep(Math.max(0, Math.min(last, view.stepIndex + delta))));
}

/** The menu's Run: the editor already runs the graph after every change. */
export function runFromMenu(): void {
  const { status } = useRun.getState();
  showStatus(`The graph runs automatically after every change (now: ${status}).`);
}

/** Train from the menu uses the graph's saved training settings; the panel's Train button uses its form. */
export function trainFromMenu(command: 'train' | 'stop', training: MenuTargets['training']): void {
  const active = isActive(useTraining.getState().status);
  if (command === 'stop') {
    if (active) training.stop();
    else showStatus('Nothing is training.');
  } else if (active) {
    showStatus('Training is already running.');
  } else {
    training.train({});
    showStatus("Training with the graph's saved settings (change them in the Training panel).");
  }
}

/** Delete and Select All from the menu act on a focused text field first, as they would natively. */
function editInFocusedField(command: 'delete' | 'selectAll'): boolean {
  const el = typeof document === 'undefined' ? null : document.activeElement;
  if (!el) return false;
  const editable = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
  // execCommand is deprecated but remains the only way to replay a native editing command on a field.
  if (editable) document.execCommand(command);
  return editable;
}

export function handleMenuCommand(command: MenuCommand, targets: MenuTargets): void {
  const doc = useDocument.getState();
  const controller = targets.files;
  switch (command.type) {
    case 'new': void controller.newDocument(); break;
    case 'open': void controller.openDocument(); break;
    case 'save': void controller.saveDocument(false); break;
    case 'save-as': void controller.saveDocument(true); break;
    case 'import-onnx': void controller.importOnnxDocument(); break;
    case 'open-recent': void controller.openRecentDocument(command.id); break;
    case 'open-example': void controller.openExampleDocument(command.id); break;
    case 'undo': doc.undo(); break;
    case 'redo': doc.redo(); break;
    case 'delete': if (!editInFocusedField('delete')) doc.deleteSelection(); break;
    case 'select-all': if (!editInFocusedField('selectAll')) doc.select(doc.graph.nodes.map((n) => n.id), doc.graph.edges.map((e) => e.id)); break;
    case 'fit-view': targets.viewport.fit(); break;
    case 'zoom-in': targets.viewport.zoomIn(); break;
    case 'zoom-out': targets.viewport.zoomOut(); break;
    case 'zoom-reset': targets.viewport.zoomReset(); break;
    case 'toggle-annotations': toggleAnnotations(); break;
    case 'set-theme': setTheme(command.theme, targets.prefersDark); break;
    case 'run': runFromMenu(); break;
    case 'step-forward': stepBy(1); break;
    case 'step-back': stepBy(-1); break;
    case 'train': case 'stop': trainFromMenu(command.type, targets.training); break;
    case 'export': void targets.files.exportDocument(command.format); break;
    default: {
      const unknown: never = command;
      showStatus(`Unknown menu command ${JSON.stringify(unknown)}`);
    }
  }
}
