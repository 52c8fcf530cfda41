// Wiring without a mouse (issue 10.15): with one node selected, C opens a list of the input ports its
// output can feed (free ports of other nodes); ↑ ↓ move, Enter connects, Esc closes. F2 renames the
// selected node in place. The connection goes through the same `connect` as a drag, so a refusal
// (a cycle, a shape that cannot fit) is said the same way.
import { isModuleKind, moduleOf, nodeInputPorts, type Graph } from '../../engine/index.ts';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { nodeSymbols } from '../../interop/notation/symbols.ts';

export interface PortChoice { readonly target: string; readonly port: string; readonly label: string }

/** The free input ports of every other node, in document order, named as people read them. */
export function portChoices(graph: Graph, source: string): PortChoice[] {
  const taken = new Set(graph.edges.map((e) => `${e.target}\u0000${e.targetPort}`));
  const out: PortChoice[] = [];
  for (const n of graph.nodes) {
    if (n.id === source || !isModuleKind(n.kind)) continue;
    const def = moduleOf(n.kind);
    for (const port of nodeInputPorts(n)) {
      if (taken.has(`${n.id}\u0000${port}`)) continue;
      out.push({ target: n.id, port, label: `${nodeSymbols(graph, n.id).name} · ${port} (${def.label})` });
    }
  }
  return out;
}

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function ConnectPicker() {
  const [source, setSource] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const graph = useDocument((s) => s.graph);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || inField(e.target)) return;
      const doc = useDocument.getState();
      if (doc.selectedNodes.length !== 1) return;
      const id = doc.selectedNodes[0]!;
      if (e.key === 'F2') { e.preventDefault(); useView.getState().setRenaming(id); }
      else if (e.key === 'c' || e.key === 'C') { e.preventDefault(); setActive(0); setSource(id); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => { if (source) list.current?.focus(); }, [source]);

  if (!source) return null;
  const choices = portChoices(graph, source);
  const close = (): void => {
    setSource(null);
    // Back to the node the list was opened from, so the keyboard user stays where they were.
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(source)}"]`)?.focus();
  };
  const pick = (c: PortChoice | undefined): void => {
    if (!c) return;
    useDocument.getState().connect({ source, target: c.target, targetPort: c.port });
    close();
  };
  const name = nodeSymbols(graph, source).name;
  return createPortal(
    <div className="bps-connect-picker" role="dialog" aria-label={`Connect ${name} to`} data-testid="connect-picker">
      <p className="bps-connect-title">Connect <strong>{name}</strong>.out to… <span className="muted">↑ ↓ Enter, Esc closes</span></p>
      {choices.length === 0 ? <p className="muted">No free input port on another node.</p> : null}
      <ul ref={list} role="listbox" tabIndex={0} aria-label="Input ports" aria-activedescendant={choices[active] ? `connect-choice-${active}` : undefined}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((i) => Math.min(i + 1, choices.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((i) => Math.max(i - 1, 0)); }
          else if (e.key === 'Home') { e.preventDefault(); setActive(0); }
          else if (e.key === 'End') { e.preventDefault(); setActive(choices.length - 1); }
          else if (e.key === 'Enter') { e.preventDefault(); pick(choices[active]); }
          else if (e.key === 'Escape') { e.preventDefault(); close(); }
        }}
        onBlur={(e) => { if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) setSource(null); }}>
        {choices.map((c, i) => (
          <li key={`${c.target}.${c.port}`} id={`connect-choice-${i}`} role="option" aria-selected={i === active}
            className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(c); }}>{c.label}</li>
        ))}
      </ul>
    </div>,
    document.body,
  );
}
