// Toolbar menu of the bundled examples; opening one replaces the document as one undoable change.
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useDocument } from '../store/document-store.ts';
import { examples } from './examples.ts';
import { isActive, useTraining } from './training-store.ts';
import { training } from './training-client.ts';

export function ExamplesMenu() {
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
  const choose = (i: number): void => {
    setOpen(false);
    try {
      const graph = examples[i]!.open();
      if (isActive(useTraining.getState().status)) training.stop();
      useDocument.getState().commit('open', graph);
      setError(null);
      setTimeout(() => void fitView({ padding: 0.15 }), 50);
    } catch (e) {
      setError(`${examples[i]!.id}: ${(e as Error).message}`);
    }
  };
  return (
    <span className="bps-examples" ref={root}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>Examples</button>
      {open ? (
        <div role="menu" aria-label="Examples" className="bps-examples-menu">
          {examples.map((ex, i) => (
            <button key={ex.id} type="button" role="menuitem" data-testid={`example-${ex.id}`} title={ex.description} onClick={() => choose(i)}>
              <span>{ex.title}</span><small className="muted">{ex.id}.bpgraph</small>
            </button>
          ))}
        </div>
      ) : null}
      {error ? <span role="alert" className="bps-bad">{error}</span> : null}
    </span>
  );
}
