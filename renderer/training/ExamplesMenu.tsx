// Toolbar menu of the bundled examples. Opening one goes through the file layer like any file: it asks
// about unsaved changes, names the document after the example, starts a fresh history and fits the view.
import { useState } from 'react';
import { Menu, type MenuEntry } from '../layout/Menu.tsx';
import { useServices } from '../services.tsx';
import { examples } from '../examples.ts';

export function ExamplesMenu() {
  const { files } = useServices();
  const [error, setError] = useState<string | null>(null);
  const choose = async (i: number): Promise<void> => {
    const result = await files.openExampleDocument(examples[i]!.id);
    setError(result.status === 'error' ? `${examples[i]!.id}: ${result.message}` : null);
  };
  const entries: MenuEntry[] = examples.map((ex, i) => ({
    id: ex.id, label: ex.title, hint: `${ex.id}.bpgraph`, title: ex.description, testId: `example-${ex.id}`, onSelect: () => void choose(i),
  }));
  return (
    <>
      <Menu label="Examples" testId="menu-examples" entries={entries} />
      {error ? <span role="alert" className="bps-bad">{error}</span> : null}
    </>
  );
}
