// Desktop mode: a thin mapping onto the preload API. Main shows dialogs and errors and owns paths;
// this side turns graphs into text and text back into graphs with the same checks as main.
import { GraphTextCache, serializeGraph, type Graph } from '../../engine/index.ts';
import { readGraphText } from '../../app/common/graph-document.ts';
import type { BackpropApi, OpenReply } from '../../app/preload/api-types.ts';
import type { DocumentFiles, OpenResult } from './types.ts';

/** The verbs used here; the real window.backprop satisfies it. */
export type DesktopApi = Pick<BackpropApi,
  'openFile' | 'openDropped' | 'openRecent' | 'openExample' | 'startupDocument' | 'newDocument' |
  'save' | 'saveAs' | 'exportFile' | 'recentFiles' | 'setDirty' | 'autosave' | 'clearAutosave' | 'provideDocument'>;

export function toOpenResult(reply: OpenReply): OpenResult {
  if (reply.status !== 'opened') return reply;
  const read = readGraphText(reply.text, reply.name);
  if (!read.ok) return { status: 'error', message: read.message };
  return { status: 'opened', graph: read.graph, name: reply.name, restored: reply.restored };
}

export function createDesktopFiles(api: DesktopApi): DocumentFiles {
  // Documents are immutable snapshots, so an autosave re-writes only the elements an edit replaced.
  const texts = new GraphTextCache();
  const textOf = (graph: Graph): string => serializeGraph(graph, texts);
  return {
    mode: 'desktop',
    startup: async () => {
      const reply = await api.startupDocument();
      return reply === null ? null : toOpenResult(reply);
    },
    newDocument: async () => (await api.newDocument()).proceed,
    open: async () => toOpenResult(await api.openFile()),
    // The preload resolves the dropped File to its path; a plain object is not a DOM File.
    openDropped: async (file) => toOpenResult(await api.openDropped(file as File)),
    openRecent: async (id) => toOpenResult(await api.openRecent(id)),
    recentFiles: () => api.recentFiles(),
    openExample: async (id) => toOpenResult(await api.openExample(id)),
    save: (graph) => api.save(textOf(graph)),
    saveAs: (graph) => api.saveAs(textOf(graph)),
    exportFile: (format, suggestedName, content) => api.exportFile(format, suggestedName, content),
    setDirty: (dirty) => { void api.setDirty(dirty); },
    autosave: (graph) => api.autosave(textOf(graph)),
    clearAutosave: () => api.clearAutosave(),
    provideDocument: (get: () => Graph) => api.provideDocument(() => textOf(get())),
  };
}
