// Toolbar menu of the bundled examples. Opening one goes through the file layer like any file: it asks
// about unsaved changes, names the document after the example and starts a fresh history.
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../services.tsx';
import { examples } from '../examples.ts';

export function ExamplesMenu() {
  const { files } = useServices();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLSpanElement>(null);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => { document.removeEventListener('mousedown', close); document.removeEventListener('keydown', close); };
  }, [open]);
  const choose = async (i: number): Promise<void> => {
    setOpen(false);
    const result = await files.openExampleDocument(examples[i]!.id);
    setError(result.status === 'error' ? `${examples[i]!.id}: ${result.message}` : null);
    if (result.status === 'opened') setTimeout(() => void fitView({ padding: 0.15 }), 50);
  };
  return (
    <span className="bps-examples" ref={root}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>Examples</button>
      {open ? (
        <div role="menu" aria-label="Examples" className="bps-examples-menu">
          {examples.map((ex, i) => (
            <button key={ex.id} type="button" role="menuitem" data-testid={`example-${ex.id}`} title={ex.description} onClick={() => void choose(i)}>
              <span>{ex.title}</span><small className="muted">{ex.id}.bpgraph</small>
            </button>
          ))}
        </div>
      ) : null}
      {error ? <span role="alert" className="bps-bad">{error}</span> : null}
    </span>
  );
}
