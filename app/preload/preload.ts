// The page's only door to the desktop: a fixed set of domain verbs over the IPC contract. No
// generic invoke, no ipcRenderer, no paths from page code (dropped files are resolved here).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { InvokeArgs, InvokeChannel, InvokeResult, OpenReply } from '../common/ipc-contract.ts';
import { isMenuCommand, isRequestId, type MenuCommand } from '../common/menu-commands.ts';

function call<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResult<C>>;
}

const api = {
  /** Lets the page tell desktop from browser mode. */
  isDesktop: true as const,

  /** Asks about unsaved changes, shows the Open dialog, reads and checks the file. */
  openFile: (): Promise<OpenReply> => call('bps:file-open'),
  /** A File from a drop event on the window. */
  openDropped: (file: File): Promise<OpenReply> => {
    const path = webUtils.getPathForFile(file);
    if (path === '') return Promise.resolve({ status: 'error', message: `"${file.name}" could not be opened: it is not a file on disk` });
    return call('bps:file-open-dropped', path);
  },
  openRecent: (id: string): Promise<OpenReply> => call('bps:file-open-recent', id),
  openExample: (id: string): Promise<OpenReply> => call('bps:file-open-example', id),
  /** Once per launch: restored unsaved work (after asking), else the command-line file, else null. */
  startupDocument: (): Promise<OpenReply | null> => call('bps:file-startup'),
  /** Asks about unsaved changes; proceed=false means the user cancelled. */
  newDocument: (): Promise<{ proceed: boolean }> => call('bps:file-new'),
  save: (text: string): Promise<InvokeResult<'bps:file-save'>> => call('bps:file-save', text),
  saveAs: (text: string): Promise<InvokeResult<'bps:file-save-as'>> => call('bps:file-save-as', text),
  recentFiles: (): Promise<InvokeResult<'bps:file-recent'>> => call('bps:file-recent'),
  /** File → Export: main asks where to put `content` (text, or an ONNX model's bytes; suggesting `name`) and writes it. */
  exportFile: (format: InvokeArgs<'bps:file-export'>[0], name: string, content: string | Uint8Array): Promise<InvokeResult<'bps:file-export'>> => call('bps:file-export', format, name, content),
  /** Drives the title's dirty marker and the unsaved-changes prompts. */
  setDirty: (dirty: boolean): Promise<void> => call('bps:doc-set-dirty', dirty),
  autosave: (text: string): Promise<void> => call('bps:autosave-write', text),
  clearAutosave: (): Promise<void> => call('bps:autosave-clear'),
  /** http(s) links only, in the system browser; resolves false for anything else. */
  openExternal: (url: string): Promise<boolean> => call('bps:open-external', url),

  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      if (isMenuCommand(payload)) listener(payload);
    };
    ipcRenderer.on('bps:menu-command', wrapped);
    return () => { ipcRenderer.removeListener('bps:menu-command', wrapped); };
  },

  /** Registers how main gets the current document text when it must save on close, quit or open. */
  provideDocument(provider: () => string | Promise<string>): () => void {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      if (!isRequestId(payload)) return;
      void Promise.resolve()
        .then(provider)
        .then((text) => call('bps:doc-provide', payload, text))
        .catch(() => undefined);
    };
    ipcRenderer.on('bps:doc-request', wrapped);
    return () => { ipcRenderer.removeListener('bps:doc-request', wrapped); };
  },
};

export type BackpropApi = typeof api;

contextBridge.exposeInMainWorld('backprop', api);
