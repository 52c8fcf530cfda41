// View state that is neither document nor results: measured node sizes (React Flow needs them back
// on controlled nodes), label mode, theme, step mode, hovered edge, whether the Code panel is open,
// which module instance the canvas has opened, the precision training asks for.
import { create } from 'zustand';
import { PATH_SEPARATOR, type Precision } from '../../engine/index.ts';

export type LabelMode = 'both' | 'values' | 'gradients' | 'off';
export type Theme = 'light' | 'dark';

interface ViewState {
  measured: ReadonlyMap<string, { width: number; height: number }>;
  labelMode: LabelMode;
  theme: Theme;
  stepMode: boolean;
  stepIndex: number;
  /** Step mode steps into composite modules (each inner node) or over them (one step per instance). */
  stepInto: boolean;
  hoveredEdge: string | null;
  codePanel: boolean;
  /** The node whose name is being edited on the canvas (double-click on its title, or F2). */
  renaming: string | null;
  /** The opened module instances, outermost first, by flat id (["m1", "m1/b"]): the canvas shows the last one's inside. */
  inside: readonly string[];
  /**
   * The training panel's precision (issue 14.2). A view setting, not the document's: it says how fast this
   * machine should train, not what the model is, and a saved file must train the same exact way anywhere.
   */
  trainPrecision: Precision;
  setTrainPrecision(p: Precision): void;
  setRenaming(id: string | null): void;
  /** Opens an instance: inside the one open now when it lies in it ("m1/b" in "m1"), else from the outer graph. */
  openInside(flatId: string): void;
  /** Keeps the first `depth` opened instances: 0 is the outer graph. */
  closeInside(depth: number): void;
  setMeasured(updates: { id: string; width: number; height: number }[]): void;
  setLabelMode(mode: LabelMode): void;
  toggleTheme(): void;
  setStepMode(on: boolean): void;
  setStepIndex(i: number): void;
  setStepInto(into: boolean): void;
  setHoveredEdge(id: string | null): void;
  setCodePanel(open: boolean): void;
}

export const useView = create<ViewState>()((set) => ({
  measured: new Map(),
  labelMode: 'both',
  theme: 'light',
  stepMode: false,
  stepIndex: 0,
  stepInto: true,
  hoveredEdge: null,
  codePanel: false,
  renaming: null,
  inside: [],
  trainPrecision: 'float64',
  setTrainPrecision: (trainPrecision) => set({ trainPrecision }),
  setRenaming: (renaming) => set({ renaming }),
  openInside: (flatId) => set((s) => {
    const last = s.inside.at(-1);
    return { inside: last !== undefined && flatId.startsWith(`${last}${PATH_SEPARATOR}`) ? [...s.inside, flatId] : [flatId] };
  }),
  closeInside: (depth) => set((s) => (depth < s.inside.length ? { inside: s.inside.slice(0, Math.max(0, depth)) } : {})),
  setMeasured: (updates) => set((s) => {
    const m = new Map(s.measured);
    let changed = false;
    for (const u of updates) {
      const old = m.get(u.id);
      if (old && old.width === u.width && old.height === u.height) continue;
      m.set(u.id, { width: u.width, height: u.height });
      changed = true;
    }
    return changed ? { measured: m } : {};
  }),
  setLabelMode: (labelMode) => set({ labelMode }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'light' ? 'dark' : 'light' })),
  setStepMode: (stepMode) => set({ stepMode, stepIndex: 0 }),
  setStepIndex: (stepIndex) => set({ stepIndex }),
  setStepInto: (stepInto) => set({ stepInto, stepIndex: 0 }),
  setHoveredEdge: (hoveredEdge) => set({ hoveredEdge }),
  setCodePanel: (codePanel) => set({ codePanel }),
}));
