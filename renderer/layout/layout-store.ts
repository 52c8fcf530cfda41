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

/** Kept as `textSize=large&paletteFolded=1…`: a few flags need no JSON (nor a second document reader). */
function load(): Saved {
  try {
    const r = new URLSearchParams(globalThis.localStorage?.getItem(LAYOUT_KEY) ?? '');
    const size = r.get('textSize');
    return {
      textSize: TEXT_SIZES.find((t) => t.size === size)?.size ?? DEFAULTS.textSize,
      paletteFolded: r.get('paletteFolded') === '1',
      inspectorFolded: r.get('inspectorFolded') === '1',
      minimap: r.get('minimap') === '1',
    };
  } catch {
    return DEFAULTS;
  }
}

function save(s: Saved): void {
  const flag = (b: boolean): string => (b ? '1' : '0');
  try {
    globalThis.localStorage?.setItem(LAYOUT_KEY, new URLSearchParams({ textSize: s.textSize, paletteFolded: flag(s.paletteFolded), inspectorFolded: flag(s.inspectorFolded), minimap: flag(s.minimap) }).toString());
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
