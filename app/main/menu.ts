// The native menu as data: every item either sends a typed command to the page or runs a main
// action. Built from plain inputs so it can be checked without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import { exportFormatIds, exportFormats } from '../../interop/formats.ts';
import type { MenuCommand, RecentFile, Theme } from '../common/ipc-contract.ts';

export interface MenuInputs {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly RecentFile[];
  examples: readonly { id: string; label: string }[];
  annotations: boolean;
  theme: Theme;
  send(command: MenuCommand): void;
  closeWindow(): void;
  quit(): void;
  clearRecent(): void;
  showAbout(): void;
  isPackaged: boolean;
}

/** Run's key: F5 belongs to presenter mode (issue 10.3). */
export const RUN_ACCELERATOR = 'CmdOrCtrl+Enter';

export function buildMenuTemplate(m: MenuInputs): MenuItemConstructorOptions[] {
  const mac = m.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions =>
    ({ label, click: () => m.send(command), ...(accelerator ? { accelerator } : {}) });

  const openRecent: MenuItemConstructorOptions[] = m.recent.length === 0
    ? [{ label: 'No recent files', enabled: false }]
    : m.recent.map((r, i) => ({
        label: `${r.name}  —  ${r.folder}`,
        click: () => m.send({ type: 'open-recent', id: r.id }),
        ...(i < 9 ? { accelerator: `CmdOrCtrl+Alt+${i + 1}` } : {}),
      }));
  openRecent.push({ type: 'separator' }, { label: 'Clear Recent', enabled: m.recent.length > 0, click: m.clearRecent });

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      cmd('New', { type: 'new' }, 'CmdOrCtrl+N'),
      cmd('Open…', { type: 'open' }, 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      cmd('Save', { type: 'save' }, 'CmdOrCtrl+S'),
      cmd('Save As…', { type: 'save-as' }, 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      { label: 'Export', submenu: exportFormatIds.map((format) => cmd(`${exportFormats[format].label}…`, { type: 'export', format })) },
      cmd('Export Figure…', { type: 'export-figure' }),
      cmd('Import ONNX…', { type: 'import-onnx' }),
      { type: 'separator' },
      cmd('Copy Link', { type: 'copy-link' }),
      cmd('Open Link…', { type: 'open-link' }),
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: m.closeWindow },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: m.quit }]),
    ],
  };

  // Undo, redo, delete and select-all act on the canvas, so they are commands (a role's accelerator
  // would swallow the key before the page saw it); the page applies them to a focused text field
  // instead when there is one. Clipboard items keep their roles: the page receives DOM cut/copy/paste.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      cmd('Undo', { type: 'undo' }, 'CmdOrCtrl+Z'),
      cmd('Redo', { type: 'redo' }, mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      cmd('Delete', { type: 'delete' }, 'Delete'),
      { type: 'separator' },
      cmd('Select All', { type: 'select-all' }, 'CmdOrCtrl+A'),
    ],
  };

  const themes: [Theme, string][] = [['system', 'System'], ['light', 'Light'], ['dark', 'Dark']];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      cmd('Fit Graph', { type: 'fit-view' }, 'CmdOrCtrl+1'),
      cmd('Zoom In', { type: 'zoom-in' }, 'CmdOrCtrl+='),
      cmd('Zoom Out', { type: 'zoom-out' }, 'CmdOrCtrl+-'),
      cmd('Actual Size', { type: 'zoom-reset' }, 'CmdOrCtrl+0'),
      { type: 'separator' },
      { label: 'Annotations Mode', type: 'checkbox', checked: m.annotations, accelerator: 'CmdOrCtrl+Shift+A', click: () => m.send({ type: 'toggle-annotations' }) },
      // F5 is presenter mode everywhere (issue 10.3). The menu shows the key but leaves it to the page
      // (not registered), so one handler (renderer/layout/presenter.ts) serves the browser and the desktop.
      { label: 'Presenter Mode', accelerator: 'F5', registerAccelerator: false, click: () => m.send({ type: 'toggle-presenter' }) },
      {
        label: 'Theme',
        submenu: themes.map(([theme, label]) => ({ label, type: 'radio' as const, checked: m.theme === theme, click: () => m.send({ type: 'set-theme', theme }) })),
      },
      ...(m.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: 'Run',
    submenu: [
      cmd('Run', { type: 'run' }, RUN_ACCELERATOR),
      cmd('Step Forward', { type: 'step-forward' }, 'F10'),
      cmd('Step Back', { type: 'step-back' }, 'Shift+F10'),
      { type: 'separator' },
      cmd('Train', { type: 'train' }, 'F6'),
      cmd('Stop', { type: 'stop' }, 'Shift+F5'),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      {
        label: 'Examples',
        submenu: m.examples.length === 0
          ? [{ label: 'No examples found', enabled: false }]
          : m.examples.map((e) => ({ label: e.label, click: () => m.send({ type: 'open-example', id: e.id }) })),
      },
      { type: 'separator' },
      { label: `About ${m.appName}`, click: m.showAbout },
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{
        label: m.appName,
        submenu: [
          { label: `About ${m.appName}`, click: m.showAbout },
          { type: 'separator' },
          { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' },
          { type: 'separator' },
          { label: `Quit ${m.appName}`, accelerator: 'Cmd+Q', click: m.quit },
        ],
      }]
    : [];

  return [...appMenu, file, edit, view, run, help];
}
