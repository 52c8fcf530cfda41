// The Code panel: the PyTorch script of the graph as it stands, next to the canvas, recomputed from the
// document once edits pause (typing a name or dragging a node does not re-export on every keystroke).
import { useEffect, useMemo, useRef, useState } from 'react';
import { exportText } from '../../files-ui/index.ts';
import { useServices } from '../../services.tsx';
import { useDocument } from '../../store/document-store.ts';
import { useView } from '../../store/view-store.ts';
import './code-panel.css';

/** How long the document must stay unchanged before the code follows it. */
export const CODE_IDLE_MS = 250;

/** `value` once it has not changed for `ms`; the first value at once. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function CodePanel() {
  const open = useView((s) => s.codePanel);
  return open ? <CodeView /> : null;
}

function CodeView() {
  const { files } = useServices();
  const graph = useDocument((s) => s.graph);
  const settled = useSettled(graph, CODE_IDLE_MS);
  const code = useMemo(() => exportText(settled), [settled]);
  const [copied, setCopied] = useState<{ text: string; message: string } | null>(null);
  const text = 'text' in code ? code.text : null;
  const pre = useRef<HTMLPreElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    // Open at the model rather than at the usage notes above it; later updates keep the reader's place.
    const el = pre.current;
    if (scrolled.current || !el || text === null) return;
    scrolled.current = true;
    const lines = text.split('\n');
    el.scrollTop = (lines.findIndex((l) => l.startsWith('class Model(')) / lines.length) * el.scrollHeight;
  }, [text]);
  const copy = (): void => {
    if (text === null) return;
    navigator.clipboard.writeText(text).then(
      () => setCopied({ text, message: 'Copied' }),
      (e: unknown) => setCopied({ text, message: `Could not copy: ${(e as Error).message}` }),
    );
  };
  return (
    <aside className="bps-code-panel" aria-label="PyTorch code" data-state={settled === graph ? 'current' : 'updating'}>
      <header className="bps-code-head">
        <h2>PyTorch</h2>
        <span className="muted" role="status">{copied && copied.text === text ? copied.message : text !== null ? `${text.split('\n').length} lines` : ''}</span>
        <button type="button" disabled={text === null} title="Copy the script to the clipboard" onClick={copy}>Copy</button>
        <button type="button" title="Save the script as a file" onClick={() => void files.exportDocument('pytorch')}>Export…</button>
        <button type="button" aria-label="Close the code panel" onClick={() => useView.getState().setCodePanel(false)}>×</button>
      </header>
      {'error' in code
        ? <p role="alert" className="bps-code-error">No PyTorch code for this graph yet: {code.error}</p>
        : <pre ref={pre} className="bps-code" tabIndex={0} aria-label="PyTorch script"><code>{code.text}</code></pre>}
    </aside>
  );
}
