// What the palette lists: every kind of the module registry, grouped by its family in registry
// order. Nothing here names a kind, so a kind added to the registry appears without an edit.
import { moduleKinds, modules, type ModuleFamily, type ModuleKind } from '../../engine/index.ts';

/** Section titles, in palette order; typed over ModuleFamily, so a new family cannot lack one. */
export const FAMILY_TITLES: { readonly [F in ModuleFamily]: string } = {
  data: 'Data', layer: 'Layers', activation: 'Activations', combine: 'Combine', loss: 'Loss',
};

export interface PaletteGroup { readonly family: ModuleFamily; readonly title: string; readonly kinds: readonly ModuleKind[] }

/** The non-empty sections whose kinds match `filter` (kind or label, case-insensitive). */
export function paletteGroups(filter: string): PaletteGroup[] {
  const q = filter.trim().toLowerCase();
  const matches = (k: ModuleKind): boolean => !q || k.includes(q) || modules[k].label.toLowerCase().includes(q);
  return (Object.keys(FAMILY_TITLES) as ModuleFamily[])
    .map((family) => ({ family, title: FAMILY_TITLES[family], kinds: moduleKinds.filter((k) => modules[k].family === family && matches(k)) }))
    .filter((g) => g.kinds.length > 0);
}
