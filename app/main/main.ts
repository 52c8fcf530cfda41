// Electron entry point: only glue. Every decision lives in the modules it wires together, which
// are tested in Node with the Electron API replaced by fakes (test/app/).
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import type { MenuCommand, Theme } from '../common/ipc-contract.ts';
import { createAutosaveStore } from './autosave.ts';
import { DocumentController, windowTitle, type DialogPort } from './document.ts';
import { exportToFile, type ExportDeps } from './export-file.ts';
import { DocumentBroker, isTrustedSender, registerInvokeHandlers, sendEvent, type IpcMainLike } from './ipc.ts';
import { documentPathFromArgv, exampleLabel, listExamples } from './launch-args.ts';
import { buildMenuTemplate } from './menu.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createBundleHandler, START_URL } from './protocol.ts';
import { createRecentFiles, recentIdOf } from './recent-files.ts';
import { addCspHeader, denyAllPermissions, guardContents, isAllowedRequest, openExternalSafely } from './security.ts';
import { createMainWindow } from './window.ts';

const APP_NAME = 'Backprop Studio';
const rendererRoot = join(__dirname, '..', 'dist', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const examplesDir = join(__dirname, '..', 'examples');

/** The one way out of the app: http(s) links only, to the system browser. */
const openInBrowser = (url: string): Promise<boolean> => openExternalSafely(url, (safe) => shell.openExternal(safe));

app.setName(APP_NAME);
// The Electron smoke tests run each launch against a throwaway data folder.
if (process.env.BPS_USER_DATA_DIR) app.setPath('userData', process.env.BPS_USER_DATA_DIR);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let pendingSystemPath: string | null = documentPathFromArgv(process.argv, process.cwd(), app.isPackaged);
  let openFromSystem: ((path: string) => void) | null = null;
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (openFromSystem) openFromSystem(path);
    else pendingSystemPath = path;
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const path = documentPathFromArgv(argv, cwd, app.isPackaged);
    if (path !== null && openFromSystem) openFromSystem(path);
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openInBrowser));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    hardenSession();
    protocol.handle(APP_SCHEME, createBundleHandler(rendererRoot));
    const startupPath = pendingSystemPath;
    pendingSystemPath = null;
    await createShell(startupPath, (open) => { openFromSystem = open; });
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyAllPermissions);
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived(addCspHeader);
}

async function createShell(startupPath: string | null, exposeSystemOpen: (open: (path: string) => void) => void): Promise<void> {
  const dataDir = app.getPath('userData');
  const recent = createRecentFiles(dataDir);
  const examples = await listExamples(examplesDir);
  const win = createMainWindow(BrowserWindow, preloadPath, APP_NAME);
  const contents: WebContents = win.webContents;
  const ourContents = new Set([contents.id]);
  const command = (c: MenuCommand): void => sendEvent(contents, 'bps:menu-command', c);

  const dialogs: DialogPort = {
    async chooseOpenPath() {
      const r = await dialog.showOpenDialog(win, {
        title: 'Open Graph',
        properties: ['openFile'],
        filters: [{ name: 'Backprop Studio graphs', extensions: ['bpgraph'] }, { name: 'All files', extensions: ['*'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSavePath(defaultPath) {
      const r = await dialog.showSaveDialog(win, {
        title: 'Save Graph',
        defaultPath,
        filters: [{ name: 'Backprop Studio graphs', extensions: ['bpgraph'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async askUnsaved(name) {
      const r = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Do you want to save the changes you made to "${name}"?`,
        detail: "Your changes will be lost if you don't save them.",
      });
      return r.response === 0 ? 'save' : r.response === 1 ? 'discard' : 'cancel';
    },
    async askRestore(name, savedAt) {
      const r = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Restore', 'Discard'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
        message: `Backprop Studio closed unexpectedly while "${name}" had unsaved changes.`,
        detail: `Restore the copy saved automatically at ${new Date(savedAt).toLocaleString()}?`,
      });
      return r.response === 0;
    },
    async showError(message) {
      await dialog.showMessageBox(win, { type: 'error', buttons: ['OK'], message });
    },
  };

  const broker = new DocumentBroker((id) => sendEvent(contents, 'bps:doc-request', id));
  const controller = new DocumentController({
    dialogs,
    recent,
    autosave: createAutosaveStore(dataDir),
    examples,
    documentsDir: app.getPath('documents'),
    requestDocument: () => broker.request(),
    onStateChange: (state) => {
      win.setTitle(windowTitle(state));
      if (process.platform === 'darwin') {
        win.setDocumentEdited(state.dirty);
        win.setRepresentedFilename(state.path ?? '');
      }
    },
    onOpenedPath: (path) => {
      app.addRecentDocument(path);
      void rebuildMenu();
    },
  });

  const exporting: ExportDeps = {
    async chooseExportPath(defaultPath, filter) {
      const r = await dialog.showSaveDialog(win, {
        title: 'Export',
        defaultPath,
        filters: [filter],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    showError: (message) => dialogs.showError(message),
    documentPath: () => controller.state.path,
    documentsDir: app.getPath('documents'),
  };

  let annotations = false;
  let theme: Theme = 'system';
  const rebuildMenu = async (): Promise<void> => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
      platform: process.platform,
      appName: APP_NAME,
      recent: await recent.list(),
      examples: [...examples.keys()].map((id) => ({ id, label: exampleLabel(id) })),
      annotations,
      theme,
      send: (c) => {
        if (c.type === 'toggle-annotations') annotations = !annotations;
        if (c.type === 'set-theme') theme = c.theme;
        command(c);
      },
      closeWindow: () => win.close(),
      quit: () => app.quit(),
      clearRecent: () => void recent.clear().then(() => { app.clearRecentDocuments(); return rebuildMenu(); }),
      showAbout: () => void dialog.showMessageBox(win, {
        type: 'info',
        title: `About ${APP_NAME}`,
        message: `${APP_NAME} ${app.getVersion()}`,
        detail: `Build neural networks on a canvas and watch backpropagation.\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      }),
      isPackaged: app.isPackaged,
    })));
  };
  await rebuildMenu();

  registerInvokeHandlers(ipcMain as unknown as IpcMainLike, {
    'bps:file-open': () => controller.open(),
    'bps:file-open-dropped': (path) => controller.openDropped(path),
    'bps:file-open-recent': (id) => controller.openRecent(id),
    'bps:file-open-example': (id) => controller.openExample(id),
    'bps:file-startup': () => controller.startup(startupPath),
    'bps:file-new': () => controller.newDocument(),
    'bps:file-save': (text) => controller.save(text),
    'bps:file-save-as': (text) => controller.saveAs(text),
    'bps:file-recent': () => recent.list(),
    'bps:file-export': (format, name, text) => exportToFile(exporting, format, name, text),
    'bps:doc-set-dirty': (dirty) => { controller.setDirty(dirty); },
    'bps:doc-provide': (id, text) => { broker.provide(id, text); },
    'bps:autosave-write': (text) => controller.autosave(text),
    'bps:autosave-clear': () => controller.clearAutosave(),
    'bps:open-external': (url) => openInBrowser(url),
  }, (event) => isTrustedSender(event, ourContents));

  // A file opened by the OS while we run goes through the page like Open Recent, so the page
  // always learns about a new document from a reply to its own request.
  exposeSystemOpen((path) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    void recent.add(path).then(() => rebuildMenu()).then(() => command({ type: 'open-recent', id: recentIdOf(path) }));
  });

  let closeApproved = false;
  let asking = false;
  win.on('close', (event) => {
    if (closeApproved) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void controller.confirmClose().then((ok) => {
      asking = false;
      if (ok) {
        closeApproved = true;
        win.close();
      }
    });
  });

  win.once('ready-to-show', () => win.show());
  win.setTitle(windowTitle(controller.state));
  await win.loadURL(START_URL);
}
