// Keyboard commands of the editor. Keys typed into form fields are left alone.
import { useEffect } from 'react';
import { useDocument } from './store/document-store.ts';
import { useView } from './store/view-store.ts';

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (inField(e.target)) return;
      const doc = useDocument.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const { inside, hoveredEdge, closeInside } = useView.getState();
      // An opened module: Esc goes back a level (an open edge popover closes first); the outer
      // graph is hidden, so keys that edit what is selected there do nothing.
      if (inside.length > 0) {
        if (e.key === 'Escape' && !mod && hoveredEdge === null && !e.defaultPrevented) { e.preventDefault(); closeInside(inside.length - 1); }
        if (!mod ? e.key === 'Delete' || e.key === 'Backspace' : ['x', 'v', 'g'].includes(key)) return;
      }
      if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) { e.preventDefault(); doc.deleteSelection(); return; }
      if (!mod) return;
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); doc.undo(); }
      else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); doc.redo(); }
      else if (key === 'c') doc.copy();
      else if (key === 'x') doc.cut();
      else if (key === 'v') { e.preventDefault(); doc.paste(); }
      else if (key === 'g' && !e.shiftKey) { e.preventDefault(); doc.groupSelection(); }
      else if (key === 'g' && e.shiftKey) { e.preventDefault(); doc.ungroupSelection(); }
      else if (key === 'a') { e.preventDefault(); doc.select(doc.graph.nodes.map((n) => n.id), doc.graph.edges.map((x) => x.id)); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
