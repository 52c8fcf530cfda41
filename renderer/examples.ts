// The example files bundled into the app, sorted by name, each parsed on demand: the one list the
// start-up document, the Examples menu and the file layer's openExample all read.
import { readDocument, type Graph } from '../engine/index.ts';

const files = import.meta.glob<string>('../examples/*.bpgraph', { query: '?raw', import: 'default', eager: true });

export interface ExampleEntry { readonly id: string; readonly title: string; readonly description: string; readonly text: string; open(): Graph }

function header(text: string): { name: string; description: string } {
  try {
    const j = readDocument(text).graph;
    return { name: typeof j.name === 'string' ? j.name : '', description: typeof j.description === 'string' ? j.description : '' };
  } catch {
    return { name: '', description: '' };
  }
}

export const examples: ExampleEntry[] = Object.entries(files)
  .map(([path, text]) => {
    const id = path.split('/').pop()!.replace(/\.bpgraph$/, '');
    const { name, description } = header(text);
    return { id, title: name || id, description, text, open: () => readDocument(text).graph };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The document the app opens on. */
export const START_EXAMPLE = 'lecture-two-layer';

export function exampleGraph(id: string): Graph {
  const entry = examples.find((e) => e.id === id);
  if (!entry) throw new Error(`There is no example called "${id}".`);
  return entry.open();
}
