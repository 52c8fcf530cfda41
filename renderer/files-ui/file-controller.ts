// File commands of the UI (New, Open, drop, Save, Save As, examples, recent files, start-up) on top
// of the persistence layer's DocumentFiles, which shows pickers and validates. React-free; created
// once by the app's services (tests construct their own with a scripted DocumentFiles).
//
// Opening a file replaces the document with useDocument.load(), which clears the undo history:
// undoing "open" would bring back a graph that no longer belongs to the file named in the title.
import { formatBytes, MAX_FILE_BYTES, serializeGraph, type Graph, type RunResults } from '../../engine/index.ts';
import {
  DEFAULT_LINK_BASE, documentLink, drawFigure, exportFormats, figureFormats, importOnnx, LinkError, linkDocumentBytes, linkTooLong, OnnxImportError,
  type ExportFormat, type Figure, type FigureBackground, type FigureFormat,
} from '../../interop/index.ts';
import { documentFileName, readGraphText } from '../../app/common/graph-document.ts';
import { stepOrder } from '../../interop/notation/steps.ts';
import { useRun } from '../store/run-store.ts';
import type { RestoreChoice, RestoreOffer } from '../persistence/crash-copies.ts';
import { READ_SHARE } from '../persistence/chunked-read.ts';
import type { DocumentFiles, FileLike, OpenResult, SaveResult } from '../persistence/types.ts';
import { initialAnalysis, useAnalysis } from '../analysis/analysis-store.ts';
import { START_EXAMPLE } from '../examples.ts';
import { EMPTY_GRAPH, useDocument } from '../store/document-store.ts';
import { useView, type LabelMode } from '../store/view-store.ts';
import { useExercise } from '../exercise/exercise-store.ts';
import { isOpen, settingsFrom } from '../exercise/exercise.ts';
import { timelineFor } from '../canvas/step-state.ts';
import { isActive, useTraining } from '../training/training-store.ts';
import { exportContent } from './export-document.ts';
import { PREPARE_ABOVE, prepareDocument } from './prepare-document.ts';
import { dismissError, isDirty, markClean, markRestored, markUnsaved, showError, showOpening, showStatus, UNTITLED_NAME, useFileState, type UnsavedChoice } from './file-state.ts';

export interface ViewportActions { fit(): void; zoomIn(): void; zoomOut(): void; zoomReset(): void }

/** Builds the real DocumentFiles (app-files.ts); kept out of here so this module stays DOM-free. */
export type FilesFactory = (questions: {
  notify(message: string): void;
  confirm(message: string): Promise<boolean>;
  chooseRestore(offers: readonly RestoreOffer[]): Promise<RestoreChoice>;
  progress(name: string, fraction: number | null): void;
}) => DocumentFiles;

export interface FileControllerDeps {
  /** The DocumentFiles to use, made on first use with the controller's questions. */
  readonly files: FilesFactory;
  /** Stops a running training when the document is replaced. */
  readonly training: { stop(): void };
  /** File → Import ONNX…: a picker for a .onnx file (the page's file input); null when cancelled. */
  readonly pickModel?: () => Promise<FileLike | null>;
  /** A figure's SVG as PNG bytes of width × height pixels (the browser draws it into a canvas). */
  readonly rasterize?: (svg: string, width: number, height: number) => Promise<Uint8Array>;
  /** Where links point (the browser build's address); DEFAULT_LINK_BASE when absent (the desktop app). */
  readonly linkBase?: () => string;
  /** The link the page was opened with (its fragment), read once at start-up. */
  readonly startupLink?: () => string | null;
  /** The start-up link's document is open. */
  readonly onStartupLinkOpened?: () => void;
}

/** What File → Export figure… asks. */
export interface FigureChoice { readonly scale: number; readonly background: FigureBackground }

/** What a figure shows: the document, its run (null while it does not run), Step mode's step and the label mode. */
export interface FigureView { readonly graph: Graph; readonly results: RunResults | null; readonly step: number | null; readonly labelMode: LabelMode; readonly hideStep?: boolean }

/** The figure of a view of the canvas (interop/figure draws it; labels hidden on the canvas are drawn in full). */
export function figureOf(view: FigureView, choice: FigureChoice): Figure {
  const labels = view.labelMode === 'off' ? 'both' : view.labelMode;
  // As the Step panel, a step index past the run's steps (the graph lost nodes) is its last step.
  const step = view.results && view.step !== null ? Math.max(0, Math.min(view.step, stepOrder(view.graph, view.results).length - 1)) : undefined;
  return drawFigure(view.graph, { results: view.results, step, hideStep: view.hideStep ?? false, scale: choice.scale, background: choice.background, labels });
}

/** File → Copy link's answer: the link, and why not to share it when it is too long. */
export interface DocumentLinkResult { readonly link: string; readonly tooLong: string | null }

export class FileController {
  private files: DocumentFiles | null = null;
  private viewport: ViewportActions | null = null;
  /** Set while the controller itself replaces the graph, so that change is not reported as an edit. */
  private replacing = false;
  private started = false;

  constructor(private readonly deps: FileControllerDeps) {}

  documentFiles(): DocumentFiles {
    this.files ??= this.deps.files({ notify: showError, confirm: () => this.askInBrowser(), chooseRestore: (offers) => this.askRestoreInBrowser(offers), progress: showOpening });
    return this.files;
  }

  registerViewport(actions: ViewportActions | null): void {
    this.viewport = actions;
  }

  fitSoon(): void {
    setTimeout(() => this.viewport?.fit(), 50);
  }

  /** A bound function: the autosaver and the unload guard call it on their own. */
  readonly currentDirty = (): boolean => isDirty(useDocument.getState().graph, useFileState.getState().saved);

  /** Keeps DocumentFiles' dirty flag (title, prompts, autosave) in step with the document. */
  reportDirty(): void {
    this.documentFiles().setDirty(this.currentDirty());
  }

  /** Reports every edit once it is complete (a drag counts when it stops). Returns the unsubscriber. */
  watchEdits(): () => void {
    let last = useDocument.getState().graph;
    return useDocument.subscribe((s) => {
      if (this.replacing || s.dragOrigin !== null || s.graph === last) return;
      last = s.graph;
      this.reportDirty();
    });
  }

  /** Opens the start-up document once, however often the page's effects run (StrictMode runs them twice). */
  startupOnce(): void {
    if (this.started) return;
    this.started = true;
    markClean(useFileState.getState().name, useDocument.getState().graph);
    void this.startup();
  }

  async startup(): Promise<void> {
    const f = this.documentFiles();
    const initial = useDocument.getState().graph;
    // A link's document opens instead of the start-up one; a broken link says so and the page opens as usual.
    const link = this.deps.startupLink?.() ?? null;
    if (link !== null && (await this.openLink(link)).status === 'opened') {
      this.deps.onStartupLinkOpened?.();
      return;
    }
    const first = await f.startup();
    if (first !== null) {
      await this.settle(first);
      if (first.status === 'opened') return;
    }
    if (f.mode !== 'browser' || useDocument.getState().graph !== initial) return;
    // The page opened on the lecture example: let the browser files know its name (same content, no reload).
    const named = await f.openExample(START_EXAMPLE);
    if (named.status === 'opened' && !this.currentDirty()) markClean(named.name, useDocument.getState().graph);
    this.reportDirty();
  }

  async newDocument(): Promise<void> {
    const f = this.documentFiles();
    if (!this.currentDirty()) {
      // Nothing to ask about: show the empty document at once and let the files catch up.
      this.showEmpty();
      await f.newDocument();
      this.reportDirty();
      return;
    }
    if (await f.newDocument()) this.showEmpty();
    this.reportDirty();
  }

  async openDocument(): Promise<OpenResult> {
    return this.settle(await this.documentFiles().open());
  }

  /** A dropped .onnx model is imported (as File → Import ONNX…); anything else opens as a document. */
  async openDroppedFile(file: FileLike): Promise<OpenResult> {
    if (/\.onnx$/i.test(file.name)) return this.importModelFile(file);
    return this.settle(await this.documentFiles().openDropped(file));
  }

  async openExampleDocument(id: string): Promise<OpenResult> {
    return this.settle(await this.documentFiles().openExample(id));
  }

  async openRecentDocument(id: string): Promise<OpenResult> {
    return this.settle(await this.documentFiles().openRecent(id));
  }

  async saveDocument(as: boolean): Promise<SaveResult['status']> {
    const f = this.documentFiles();
    const graph = useDocument.getState().graph;
    const result = await (as ? f.saveAs(graph) : f.save(graph));
    if (result.status === 'saved') {
      markClean(result.name, graph);
      dismissError();
      showStatus(`Saved "${result.name}"`);
    } else if (result.status === 'error') {
      showError(result.message);
    }
    this.reportDirty();
    return result.status;
  }

  /**
   * File → Export: the document in `format`, downloaded (browser) or where the user says (desktop).
   * The equations (LaTeX) are those of the run the canvas shows; `step` exports only that step's.
   */
  async exportDocument(format: ExportFormat, options: { step?: number } = {}): Promise<SaveResult> {
    const run = useRun.getState();
    const steps = run.results && !run.stale ? timelineFor(run.results) : null;
    const made = exportContent(format, { graph: useDocument.getState().graph, steps, ...(options.step === undefined ? {} : { step: options.step }) });
    if ('error' in made) {
      const message = `Cannot export ${exportFormats[format].noun}: ${made.error}`;
      showError(message);
      return { status: 'error', message };
    }
    const result = await this.documentFiles().exportFile(format, useFileState.getState().name, made.content);
    if (result.status === 'saved') showStatus(`Exported "${result.name}"`);
    return result;
  }

  /**
   * The figure of the canvas as shown: the document, its run (none while the graph does not run), Step
   * mode's current step and the edge-label mode; interop/figure draws it.
   */
  currentFigure(choice: FigureChoice): Figure {
    const run = useRun.getState(), view = useView.getState();
    const graph = useDocument.getState().graph, results = run.stale ? null : run.results;
    const step = view.stepMode ? view.stepIndex : null;
    // In exercise mode the figure hides what the canvas hides: the open question's number (a handout).
    const ex = useExercise.getState();
    const hideStep = !!results && step !== null && ex.on && isOpen(timelineFor(results)[step], settingsFrom(graph.exercise), ex.attempts);
    return figureOf({ graph, results, step, labelMode: view.labelMode, hideStep }, choice);
  }

  /** File → Export figure…: the figure as SVG text or PNG bytes, downloaded or saved where the user says. */
  async exportFigure(format: FigureFormat, choice: FigureChoice): Promise<SaveResult> {
    let content: string | Uint8Array;
    try {
      const figure = this.currentFigure(choice);
      if (format === 'svg') content = figure.svg;
      else if (this.deps.rasterize) content = await this.deps.rasterize(figure.svg, figure.width, figure.height);
      else throw new Error('this window cannot draw PNG images');
    } catch (e) {
      const message = `Cannot export ${figureFormats[format].noun}: ${(e as Error).message}`;
      showError(message);
      return { status: 'error', message };
    }
    const result = await this.documentFiles().exportFile(format, useFileState.getState().name, content);
    if (result.status === 'saved') showStatus(`Exported "${result.name}"`);
    else if (result.status === 'error') showError(result.message);
    return result;
  }

  /** File → Copy link: the whole document in a link's fragment (interop/link), and whether it is too long to share. */
  documentLink(graph: Graph = useDocument.getState().graph): DocumentLinkResult {
    const link = documentLink(serializeGraph(graph), this.deps.linkBase?.() ?? DEFAULT_LINK_BASE);
    return { link, tooLong: linkTooLong(link) };
  }

  /**
   * Opens the document a link holds (File → Open link…, or the page's address at start-up): the link is
   * decoded (interop/link), then read and validated as a file is (readGraphText, the one reader). A broken
   * link says what is wrong and leaves the current document as it was; otherwise the unsaved-changes
   * question comes first, as for New, and the document opens unsaved.
   */
  async openLink(link: string): Promise<OpenResult> {
    const fail = (why: string): OpenResult => {
      const message = `Cannot open the link: ${why}`;
      showError(message);
      return { status: 'error', message };
    };
    let bytes: Uint8Array;
    try {
      bytes = linkDocumentBytes(link);
    } catch (e) {
      if (e instanceof LinkError) return fail(e.message);
      throw e;
    }
    const read = readGraphText(bytes, 'the link');
    if (!read.ok) {
      showError(read.message);
      return { status: 'error', message: read.message };
    }
    if (!(await this.documentFiles().newDocument())) {
      this.reportDirty();
      return { status: 'cancelled' };
    }
    const name = documentFileName(read.graph.name ?? 'Linked');
    this.replaceDocument(read.graph);
    markUnsaved(name);
    dismissError();
    showStatus(`Opened "${name}" from a link, not saved yet`);
    this.reportDirty();
    this.fitSoon();
    return { status: 'opened', graph: read.graph, name, restored: false };
  }

  /** File → Import ONNX…: pick a model, then import it as a new, unsaved document. */
  async importOnnxDocument(): Promise<OpenResult> {
    const file = await this.deps.pickModel?.();
    return file ? this.importModelFile(file) : { status: 'cancelled' };
  }

  /**
   * The model as a new document (interop/onnx: laid out, with sample data and a loss so it runs). A
   * refused model leaves the document as it was and says which operators and nodes; otherwise the
   * unsaved-changes question comes first, as for New.
   */
  async importModelFile(file: FileLike): Promise<OpenResult> {
    const fail = (why: string): OpenResult => {
      const message = `Cannot import "${file.name}": ${why}`;
      showError(message);
      return { status: 'error', message };
    };
    if (file.size > MAX_FILE_BYTES) return fail(`${formatBytes(file.size)}, larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    let graph: Graph;
    try {
      graph = importOnnx(new Uint8Array(await file.arrayBuffer()), { name: file.name.replace(/\.onnx$/i, '') });
    } catch (e) {
      if (e instanceof OnnxImportError) return fail(e.message);
      throw e;
    }
    if (!(await this.documentFiles().newDocument())) {
      this.reportDirty();
      return { status: 'cancelled' };
    }
    this.replaceDocument(graph);
    markUnsaved(UNTITLED_NAME);
    dismissError();
    showStatus(`Imported "${file.name}" (${graph.nodes.length} nodes), not saved yet`);
    this.reportDirty();
    this.fitSoon();
    return { status: 'opened', graph, name: UNTITLED_NAME, restored: false };
  }

  /** A new document starts clean: no training or analysis of the old one, stepping from the start. */
  private forgetPreviousDocument(): void {
    if (isActive(useTraining.getState().status)) this.deps.training.stop();
    useTraining.getState().reset();
    useAnalysis.setState(initialAnalysis());
    useView.getState().setStepIndex(0);
  }

  private replaceDocument(graph: Graph): Graph {
    this.forgetPreviousDocument();
    this.replacing = true;
    try {
      useDocument.getState().load(graph);
    } finally {
      this.replacing = false;
    }
    // A document with a teacher's exercise settings opens in exercise mode, at its first step (issue 11.2).
    const exercise = graph.exercise !== undefined;
    useExercise.setState({ on: exercise, attempts: new Map() });
    if (exercise) useView.getState().setStepMode(true);
    return useDocument.getState().graph;
  }

  private adopt(result: Extract<OpenResult, { status: 'opened' }>): void {
    const graph = this.replaceDocument(result.graph);
    if (result.restored) markRestored(result.name);
    else markClean(result.name, graph);
    dismissError();
    showStatus(result.restored ? `Restored unsaved changes to "${result.name}"` : `Opened "${result.name}"`);
    this.fitSoon();
  }

  private async settle(result: OpenResult): Promise<OpenResult> {
    if (result.status === 'opened' && result.graph.nodes.length > PREPARE_ABOVE) {
      const { name } = result;
      // After the file's bytes (the first 90 % the persistence layer showed), the steps of its load.
      const graph = await prepareDocument(result.graph, (f) => showOpening(name, READ_SHARE + f * (0.99 - READ_SHARE)));
      showOpening(name, null);
      result = { ...result, graph };
    }
    if (result.status === 'opened') this.adopt(result);
    else if (result.status === 'error') showError(result.message);
    this.reportDirty();
    return result;
  }

  private showEmpty(): void {
    markClean(UNTITLED_NAME, this.replaceDocument({ ...EMPTY_GRAPH }));
    dismissError();
  }

  /** Browser mode at start-up: the restore banner lists the crash copies of closed tabs. */
  private askRestoreInBrowser(offers: readonly RestoreOffer[]): Promise<RestoreChoice> {
    return new Promise((resolve) => {
      useFileState.setState({ restore: { offers, answer: (choice) => { useFileState.setState({ restore: null }); resolve(choice); } } });
    });
  }

  /** Browser-mode question before unsaved changes are replaced: Save / Don't save / Cancel. */
  private askInBrowser(): Promise<boolean> {
    return new Promise<UnsavedChoice>((resolve) => {
      useFileState.setState({ unsaved: { name: useFileState.getState().name, answer: (choice) => { useFileState.setState({ unsaved: null }); resolve(choice); } } });
    }).then(async (choice) => {
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      return (await this.saveDocument(false)) === 'saved';
    });
  }
}
