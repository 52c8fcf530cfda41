// Wires the document files into the page once: start-up document, title, dirty reports, autosave,
// the browser's unload guard, file shortcuts, drop-to-open and the desktop menu.
import { useReactFlow } from '@xyflow/react';
import { useReadableFit } from '../layout/fit.ts';
import { useEffect } from 'react';
import { desktopApi, installUnloadGuard, startAutosaver } from '../persistence/index.ts';
import { useServices } from '../services.tsx';
import { useDocument } from '../store/document-store.ts';
import { carriesFiles, documentTitle, isDirty, useFileState } from './file-state.ts';
import type { FileController, ViewportActions } from './file-controller.ts';
import { handleMenuCommand } from './menu-commands.ts';
import type { TrainingClient } from '../training/training-client.ts';

/** True while the document differs from the file; re-renders on edits and saves. */
export function useIsDirty(): boolean {
  const graph = useDocument((s) => s.graph);
  const saved = useFileState((s) => s.saved);
  return isDirty(graph, saved);
}

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function useTitle(): void {
  const name = useFileState((s) => s.name);
  const dirty = useIsDirty();
  useEffect(() => { document.title = documentTitle(name, dirty); }, [name, dirty]);
}

function useStartup(controller: FileController): void {
  useEffect(() => controller.startupOnce(), [controller]); // StrictMode runs effects twice; the question is asked once
}

function useDirtyReportsAndAutosave(controller: FileController): void {
  useEffect(() => {
    const files = controller.documentFiles();
    const unwatch = controller.watchEdits();
    // Each tab has its own crash copy, so autosaving while the restore banner is open cannot
    // touch the copies it offers.
    const stopAutosave = startAutosaver(files, {
      getGraph: () => useDocument.getState().graph,
      isDirty: controller.currentDirty,
    });
    const removeGuard = files.mode === 'browser' ? installUnloadGuard(controller.currentDirty) : () => undefined;
    const unprovide = files.provideDocument(() => useDocument.getState().graph);
    return () => { unwatch(); stopAutosave(); removeGuard(); unprovide(); };
  }, [controller]);
}

function useFileShortcuts(controller: FileController): void {
  useEffect(() => {
    // Desktop: the native menu owns these accelerators.
    if (controller.documentFiles().mode !== 'browser') return;
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') { e.preventDefault(); void controller.saveDocument(e.shiftKey); }
      else if (key === 'o' && !e.shiftKey) { e.preventDefault(); void controller.openDocument(); }
      else if (key === 'n' && !e.shiftKey && !inTextField(e.target)) { e.preventDefault(); void controller.newDocument(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}

function useDropToOpen(controller: FileController): void {
  useEffect(() => {
    let depth = 0;
    const setActive = (dropActive: boolean): void => { if (useFileState.getState().dropActive !== dropActive) useFileState.setState({ dropActive }); };
    const onEnter = (e: DragEvent): void => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      e.preventDefault();
      depth++;
      setActive(true);
    };
    const onOver = (e: DragEvent): void => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      e.preventDefault(); // never let the browser navigate to the dropped file
      depth = 0;
      setActive(false);
      const file = e.dataTransfer?.files[0];
      if (file) void controller.openDroppedFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [controller]);
}

function useViewportAndMenu(controller: FileController, training: TrainingClient): void {
  const flow = useReactFlow();
  const fit = useReadableFit();
  useEffect(() => {
    const viewport: ViewportActions = {
      fit: () => fit.afterLayout(200),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      zoomReset: () => void flow.zoomTo(1, { duration: 150 }),
    };
    controller.registerViewport(viewport);
    const prefersDark = (): boolean => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    const unsubscribe = desktopApi()?.onMenuCommand((c) => handleMenuCommand(c, { viewport, prefersDark, files: controller, training })) ?? (() => undefined);
    return () => { unsubscribe(); controller.registerViewport(null); };
  }, [flow, fit, controller, training]);
}

/**
 * Native Cut / Copy / Paste menu items (desktop) reach the page as DOM clipboard events, without a
 * keydown. useShortcuts already handles the keyboard, so events right after a Ctrl key are skipped.
 */
function useClipboardEvents(): void {
  useEffect(() => {
    let lastModifierKey = 0;
    const onKey = (e: KeyboardEvent): void => { if (e.ctrlKey || e.metaKey) lastModifierKey = performance.now(); };
    const handle = (action: 'cut' | 'copy' | 'paste') => (e: ClipboardEvent): void => {
      if (inTextField(e.target) || inTextField(document.activeElement)) return;
      if (action !== 'paste' && !(window.getSelection()?.isCollapsed ?? true)) return; // copying page text
      if (performance.now() - lastModifierKey < 500) return;
      e.preventDefault();
      useDocument.getState()[action]();
    };
    const onCut = handle('cut'), onCopy = handle('copy'), onPaste = handle('paste');
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('cut', onCut);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

/** Call once, inside the ReactFlowProvider. */
export function useDocumentFiles(): void {
  const { files, training } = useServices();
  useStartup(files);
  useTitle();
  useDirtyReportsAndAutosave(files);
  useFileShortcuts(files);
  useDropToOpen(files);
  useViewportAndMenu(files, training);
  useClipboardEvents();
}
