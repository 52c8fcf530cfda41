// File commands of the UI (New, Open, drop, Save, Save As, examples, recent files, start-up) on top
// of the persistence layer's DocumentFiles, which shows pickers and validates. React-free.
//
// Opening a file replaces the document with useDocument.load(), which clears the undo history:
// undoing "open" would bring back a graph that no longer belongs to the file named in the title.
import type { Graph } from '../../engine/index.ts';
import type { RestoreChoice, RestoreOffer } from '../persistence/crash-copies.ts';
import type { DocumentFiles, FileLike, OpenResult, SaveResult } from '../persistence/types.ts';
import { initialAnalysis, useAnalysis } from '../analysis/analysis-store.ts';
import { START_EXAMPLE } from '../examples.ts';
import { EMPTY_GRAPH, useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { training } from '../training/training-client.ts';
import { isActive, useTraining } from '../training/training-store.ts';
import { dismissError, isDirty, markClean, markRestored, showError, showStatus, UNTITLED_NAME, useFileState, type UnsavedChoice } from './file-state.ts';

export interface ViewportActions { fit(): void; zoomIn(): void; zoomOut(): void; zoomReset(): void }

/** Builds the real DocumentFiles (app-files.ts); kept out of here so this module stays DOM-free. */
export type FilesFactory = (questions: {
  notify(message: string): void;
  confirm(message: string): Promise<boolean>;
  chooseRestore(offers: readonly RestoreOffer[]): Promise<RestoreChoice>;
}) => DocumentFiles;

let files: DocumentFiles | null = null;
let factory: FilesFactory | null = null;
let viewport: ViewportActions | null = null;
/** Set while the controller itself replaces the graph, so that change is not reported as an edit. */
let replacing = false;

export function setFilesFactory(make: FilesFactory): void {
  factory ??= make;
}

export function documentFiles(): DocumentFiles {
  if (files === null) {
    if (factory === null) throw new Error('files-ui: no DocumentFiles factory installed (render <FilesLayer/> first)');
    files = factory({ notify: showError, confirm: askInBrowser, chooseRestore: askRestoreInBrowser });
  }
  return files;
}

/** Tests substitute a scripted DocumentFiles. */
export function setDocumentFilesForTests(f: DocumentFiles | null): void {
  files = f;
}

export function registerViewport(actions: ViewportActions | null): void {
  viewport = actions;
}

export function fitSoon(): void {
  setTimeout(() => viewport?.fit(), 50);
}

export function currentDirty(): boolean {
  return isDirty(useDocument.getState().graph, useFileState.getState().saved);
}

/** Keeps DocumentFiles' dirty flag (title, prompts, autosave) in step with the document. */
export function reportDirty(): void {
  documentFiles().setDirty(currentDirty());
}

/** Reports every edit once it is complete (a drag counts when it stops). Returns the unsubscriber. */
export function watchEdits(): () => void {
  let last = useDocument.getState().graph;
  return useDocument.subscribe((s) => {
    if (replacing || s.dragOrigin !== null || s.graph === last) return;
    last = s.graph;
    reportDirty();
  });
}

/** A new document starts clean: no training or analysis of the old one, stepping from the start. */
function forgetPreviousDocument(): void {
  if (isActive(useTraining.getState().status)) training.stop();
  useTraining.getState().reset();
  useAnalysis.setState(initialAnalysis());
  useView.getState().setStepIndex(0);
}

function replaceDocument(graph: Graph): Graph {
  forgetPreviousDocument();
  replacing = true;
  try {
    useDocument.getState().load(graph);
  } finally {
    replacing = false;
  }
  return useDocument.getState().graph;
}

function adopt(result: Extract<OpenResult, { status: 'opened' }>): void {
  const graph = replaceDocument(result.graph);
  if (result.restored) markRestored(result.name);
  else markClean(result.name, graph);
  dismissError();
  showStatus(result.restored ? `Restored unsaved changes to "${result.name}"` : `Opened "${result.name}"`);
  fitSoon();
}

function settle(result: OpenResult): OpenResult {
  if (result.status === 'opened') adopt(result);
  else if (result.status === 'error') showError(result.message);
  reportDirty();
  return result;
}

/** Browser mode at start-up: the restore banner lists the crash copies of closed tabs. */
function askRestoreInBrowser(offers: readonly RestoreOffer[]): Promise<RestoreChoice> {
  return new Promise((resolve) => {
    useFileState.setState({ restore: { offers, answer: (choice) => { useFileState.setState({ restore: null }); resolve(choice); } } });
  });
}

/** Browser-mode question before unsaved changes are replaced: Save / Don't save / Cancel. */
function askInBrowser(_message: string): Promise<boolean> {
  return new Promise<UnsavedChoice>((resolve) => {
    useFileState.setState({ unsaved: { name: useFileState.getState().name, answer: (choice) => { useFileState.setState({ unsaved: null }); resolve(choice); } } });
  }).then(async (choice) => {
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return (await saveDocument(false)) === 'saved';
  });
}

export async function startup(): Promise<void> {
  const f = documentFiles();
  const initial = useDocument.getState().graph;
  const first = await f.startup();
  if (first !== null) {
    settle(first);
    if (first.status === 'opened') return;
  }
  if (f.mode !== 'browser' || useDocument.getState().graph !== initial) return;
  // The page opened on the lecture example: let the browser files know its name (same content, no reload).
  const named = await f.openExample(START_EXAMPLE);
  if (named.status === 'opened' && !currentDirty()) markClean(named.name, useDocument.getState().graph);
  reportDirty();
}

function showEmpty(): void {
  markClean(UNTITLED_NAME, replaceDocument({ ...EMPTY_GRAPH }));
  dismissError();
}

export async function newDocument(): Promise<void> {
  const f = documentFiles();
  if (!currentDirty()) {
    // Nothing to ask about: show the empty document at once and let the files catch up.
    showEmpty();
    await f.newDocument();
    reportDirty();
    return;
  }
  if (await f.newDocument()) showEmpty();
  reportDirty();
}

export async function openDocument(): Promise<OpenResult> {
  return settle(await documentFiles().open());
}

export async function openDroppedFile(file: FileLike): Promise<OpenResult> {
  return settle(await documentFiles().openDropped(file));
}

export async function openExampleDocument(id: string): Promise<OpenResult> {
  return settle(await documentFiles().openExample(id));
}

export async function openRecentDocument(id: string): Promise<OpenResult> {
  return settle(await documentFiles().openRecent(id));
}

export async function saveDocument(as: boolean): Promise<SaveResult['status']> {
  const f = documentFiles();
  const graph = useDocument.getState().graph;
  const result = await (as ? f.saveAs(graph) : f.save(graph));
  if (result.status === 'saved') {
    markClean(result.name, graph);
    dismissError();
    showStatus(`Saved "${result.name}"`);
  } else if (result.status === 'error') {
    showError(result.message);
  }
  reportDirty();
  return result.status;
}
