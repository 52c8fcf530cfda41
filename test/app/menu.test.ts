import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../app/common/ipc-contract.ts';
import { buildMenuTemplate, type MenuInputs } from '../../app/main/menu.ts';

function inputs(over: Partial<MenuInputs> = {}): MenuInputs & { sent: MenuCommand[] } {
  const sent: MenuCommand[] = [];
  return {
    platform: 'linux', appName: 'Backprop Studio', recent: [], examples: [{ id: 'lecture-two-layer', label: 'Lecture two layer' }],
    annotations: false, theme: 'system', send: (c) => sent.push(c), closeWindow: vi.fn(), quit: vi.fn(), clearRecent: vi.fn(), showAbout: vi.fn(),
    isPackaged: true, sent, ...over,
  };
}

const sub = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  const hit = items.find((i) => i.label === label);
  if (!hit) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return hit;
};
const click = (item: MenuItemConstructorOptions): void => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Run and Help in that order (plus the app menu on macOS)', () => {
    expect(buildMenuTemplate(inputs()).map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Run', 'help']);
    expect(buildMenuTemplate(inputs({ platform: 'darwin' }))[0]!.label).toBe('Backprop Studio');
  });

  it('sends typed commands with the expected accelerators', () => {
    const m = inputs();
    const menu = buildMenuTemplate(m);
    const expectations: [string, string, string, MenuCommand][] = [
      ['File', 'New', 'CmdOrCtrl+N', { type: 'new' }],
      ['File', 'Open…', 'CmdOrCtrl+O', { type: 'open' }],
      ['File', 'Save', 'CmdOrCtrl+S', { type: 'save' }],
      ['File', 'Save As…', 'CmdOrCtrl+Shift+S', { type: 'save-as' }],
      ['Edit', 'Undo', 'CmdOrCtrl+Z', { type: 'undo' }],
      ['Edit', 'Redo', 'Ctrl+Y', { type: 'redo' }],
      ['View', 'Fit Graph', 'CmdOrCtrl+1', { type: 'fit-view' }],
      ['View', 'Zoom In', 'CmdOrCtrl+=', { type: 'zoom-in' }],
      ['View', 'Annotations Mode', 'CmdOrCtrl+Shift+A', { type: 'toggle-annotations' }],
      ['View', 'Presenter Mode', 'F5', { type: 'toggle-presenter' }],
      ['Run', 'Run', 'CmdOrCtrl+Enter', { type: 'run' }],
      ['Run', 'Step Forward', 'F10', { type: 'step-forward' }],
      ['Run', 'Step Back', 'Shift+F10', { type: 'step-back' }],
      ['Run', 'Train', 'F6', { type: 'train' }],
      ['Run', 'Stop', 'Shift+F5', { type: 'stop' }],
    ];
    for (const [top, label, accelerator, command] of expectations) {
      const item = find(sub(menu.find((i) => i.label === top)), label);
      expect(item.accelerator, label).toBe(accelerator);
      click(item);
      expect(m.sent.at(-1), label).toEqual(command);
    }
  });

  it('gives F5 to presenter mode alone, leaving the key to the page, as in the browser (issue 10.3)', () => {
    const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...all(sub(i))]);
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const withF5 = all(buildMenuTemplate(inputs({ platform }))).filter((i) => i.accelerator === 'F5');
      expect(withF5.map((i) => i.label)).toEqual(['Presenter Mode']);
      // not registered: Electron would otherwise swallow the key before the page's handler saw it
      expect(withF5[0]!.registerAccelerator).toBe(false);
    }
  });

  it('File → Export lists every export format and sends it as a command', () => {
    const m = inputs();
    const exportMenu = sub(find(sub(buildMenuTemplate(m)[0]), 'Export'));
    expect(exportMenu.map((i) => i.label)).toEqual(['PyTorch script…', 'ONNX…', 'Equations (LaTeX)…']);
    click(exportMenu[0]!);
    expect(m.sent.at(-1)).toEqual({ type: 'export', format: 'pytorch' });
    click(exportMenu[1]!);
    expect(m.sent.at(-1)).toEqual({ type: 'export', format: 'onnx' });
  });

  it('File → Export Figure…, Copy Link and Open Link… send their commands (issue 11)', () => {
    const m = inputs();
    const file = sub(buildMenuTemplate(m)[0]);
    for (const [label, type] of [['Export Figure…', 'export-figure'], ['Copy Link', 'copy-link'], ['Open Link…', 'open-link']] as const) {
      click(find(file, label));
      expect(m.sent.at(-1), label).toEqual({ type });
    }
  });

  it('File → Import ONNX… sends its command', () => {
    const m = inputs();
    click(find(sub(buildMenuTemplate(m)[0]), 'Import ONNX…'));
    expect(m.sent.at(-1)).toEqual({ type: 'import-onnx' });
  });

  it('keeps native roles for the clipboard; Delete and Select All reach the canvas as commands', () => {
    const m = inputs();
    const edit = sub(buildMenuTemplate(m).find((i) => i.label === 'Edit'));
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste']);
    click(find(edit, 'Delete'));
    expect(m.sent.at(-1)).toEqual({ type: 'delete' });
    click(find(edit, 'Select All'));
    expect(m.sent.at(-1)).toEqual({ type: 'select-all' });
  });

  it('lists recent files by id and examples under Help', () => {
    const m = inputs({ recent: [{ id: 'abc', name: 'a.bpgraph', folder: '/home/me' }] });
    const menu = buildMenuTemplate(m);
    const openRecent = sub(find(sub(menu[0]), 'Open Recent'));
    click(openRecent[0]!);
    expect(m.sent.at(-1)).toEqual({ type: 'open-recent', id: 'abc' });
    const examples = sub(find(sub(menu.at(-1)), 'Examples'));
    click(examples[0]!);
    expect(m.sent.at(-1)).toEqual({ type: 'open-example', id: 'lecture-two-layer' });
  });

  it('closes, quits and sets the theme through main', () => {
    const m = inputs();
    const [file, , view] = buildMenuTemplate(m);
    click(find(sub(file), 'Close'));
    click(find(sub(file), 'Quit'));
    expect(m.closeWindow).toHaveBeenCalled();
    expect(m.quit).toHaveBeenCalled();
    click(find(sub(find(sub(view), 'Theme')), 'Dark'));
    expect(m.sent.at(-1)).toEqual({ type: 'set-theme', theme: 'dark' });
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (packaged: boolean) => sub(buildMenuTemplate(inputs({ isPackaged: packaged }))[2]).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
