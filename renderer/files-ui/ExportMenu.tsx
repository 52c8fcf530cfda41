// The toolbar's Export menu: one item per format (↑ ↓ move, Enter chooses, Esc or a click outside closes).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { exportFormatIds, exportFormats } from '../../interop/index.ts';
import { useServices } from '../services.tsx';

export function ExportMenu() {
  const { files } = useServices();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (e: MouseEvent): void => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent): void => {
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') { setOpen(false); button.current?.focus(); e.preventDefault(); }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
      e.preventDefault();
    }
  };
  return (
    <span className="bps-examples" ref={root} onKeyDown={onKeyDown}>
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={open} title="Export the graph to another format" onClick={() => setOpen(!open)}>Export</button>
      {open ? (
        <div role="menu" aria-label="Export" className="bps-examples-menu">
          {exportFormatIds.map((format) => (
            <button key={format} type="button" role="menuitem" onClick={() => { setOpen(false); void files.exportDocument(format); }}>
              <span>{exportFormats[format].label}…</span><small className="muted">.{exportFormats[format].extension}</small>
            </button>
          ))}
        </div>
      ) : null}
    </span>
  );
}
