// How the editor's room is shared out: text size, folded palette and inspector, the minimap (remembered in
// localStorage under `bps.layout`), and presenter mode (never remembered: a reload is the editor).
import { create } from 'zustand';
import { NODE_TEXT_PX } from './readable-view.ts';

export type TextSize = 'normal' | 'large' | 'larger';
export const TEXT_SIZES: { size: TextSize; label: string; scale: number }[] = [
  { size: 'normal', label: 'Normal', scale: 1 },
  { size: 'large', label: 'Large', scale: 1.2 },
  { size: 'larger', label: 'Larger', scale: 1.45 },
];
export const LAYOUT_KEY = 'bps.layout';

interface Saved { textSize: TextSize; paletteFolded: boolean; inspectorFolded: boolean; minimap: boolean }
interface LayoutState extends Saved {
  presenter: boolean;
  setTextSize(size: TextSize): void;
  setPaletteFolded(folded: boolean): void;
  setInspectorFolded(folded: boolean): void;
  setPresenter(on: boolean): void;
  setMinimap(on: boolean): void;
}

const DEFAULTS: Saved = { textSize: 'normal', paletteFolded: false, inspectorFolded: false, minimap: false };

function load(): Saved {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(LAYOUT_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULTS;
    const r = raw as Partial<Record<keyof Saved, unknown>>;
    return {
      textSize: TEXT_SIZES.some((t) => t.size === r.textSize) ? r.textSize as TextSize : DEFAULTS.textSize,
      paletteFolded: r.paletteFolded === true,
      inspectorFolded: r.inspectorFolded === true,
      minimap: r.minimap === true,
    };
  } catch {
    return DEFAULTS;
  }
}

function save(s: Saved): void {
  try {
    globalThis.localStorage?.setItem(LAYOUT_KEY, JSON.stringify({ textSize: s.textSize, paletteFolded: s.paletteFolded, inspectorFolded: s.inspectorFolded, minimap: s.minimap }));
  } catch { /* storage full or disabled: the setting lasts for this page */ }
}

export const useLayout = create<LayoutState>()((set, get) => {
  const change = (patch: Partial<Saved>): void => { set(patch); save(get()); };
  return {
    ...load(),
    presenter: false,
    setTextSize: (textSize) => change({ textSize }),
    setPaletteFolded: (paletteFolded) => change({ paletteFolded }),
    setInspectorFolded: (inspectorFolded) => change({ inspectorFolded }),
    setPresenter: (presenter) => set({ presenter }),
    setMinimap: (minimap) => change({ minimap }),
  };
});

export const textScale = (size: TextSize): number => TEXT_SIZES.find((t) => t.size === size)!.scale;
/** CSS font size of node titles and edge labels now. */
export const nodeTextPx = (size: TextSize): number => NODE_TEXT_PX * textScale(size);
