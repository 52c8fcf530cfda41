// The inside of an opened module instance (issue 13.4), as the canvas shows it: the definition's
// nodes under their flat ids ("m1/fc", nested "m1/b/fc"), its edges, and one marker per boundary port
// named by the module's port names. Every edge carries the key of its run result, so labels show the
// values and gradients of THAT instance. A view of the document: nothing here edits it.
import { instanceModule, isInstance, own, PATH_SEPARATOR, type Graph, type GraphEdge, type GraphNode, type ModuleDefinition } from '../../engine/index.ts';

/** One opened instance on the breadcrumb: its flat id, its own id at its level, its module. */
export interface InsideCrumb { readonly id: string; readonly localId: string; readonly module: string }

export interface InsideNode {
  /** Flat id: the run results' key and the canvas node id. */
  readonly id: string;
  /** The definition's node (its id is the inner id). */
  readonly node: GraphNode;
}

export interface PortMarker {
  /** Canvas node id, never a flat id (those never start with `#`). */
  readonly id: string;
  readonly side: 'input' | 'output';
  readonly port: string;
}

export interface InsideEdge {
  readonly id: string;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
  /** The flat edge whose run result this edge shows, or null (an unwired port, an output read twice or never). */
  readonly resultKey: string | null;
}

export interface InsideView {
  readonly crumbs: readonly InsideCrumb[];
  readonly nodes: readonly InsideNode[];
  readonly markers: readonly PortMarker[];
  readonly edges: readonly InsideEdge[];
}

/** A marker's canvas id: `#in:x`, `#out:y` (flat ids cannot start with `#`: ids are names, and `/` joins them). */
export const markerId = (side: PortMarker['side'], port: string): string => `#${side === 'input' ? 'in' : 'out'}:${port}`;
/** The handle of a marker: an input marker's edge leaves from `out`, an output marker's arrives at `in`. */
export const MARKER_HANDLE = { input: 'out', output: 'in' } as const;

const join = (prefix: string, id: string): string => (prefix ? `${prefix}${PATH_SEPARATOR}${id}` : id);

interface Level {
  readonly edges: readonly GraphEdge[];
  readonly prefix: string;
  /** The instance this level is the inside of (its id at the level above, its definition), or null at the top. */
  readonly owner: { readonly localId: string; readonly def: ModuleDefinition } | null;
}

/** The flat edge that feeds `port` of `localId` on `levels[i]`: an edge there, or through that level's own input. */
function feedKey(levels: readonly Level[], i: number, localId: string, port: string): string | null {
  const { edges, prefix, owner } = levels[i]!;
  const feed = edges.find((e) => e.target === localId && e.targetPort === port);
  if (feed) return join(prefix, feed.id);
  const through = owner ? Object.entries(owner.def.inputs).find(([, ref]) => ref.node === localId && ref.port === port) : undefined;
  return through && owner ? feedKey(levels, i - 1, owner.localId, through[0]) : null;
}

/** The flat edges that read output `port` of `localId` on `levels[i]`, there and through that level's own outputs. */
function readerKeys(levels: readonly Level[], i: number, localId: string, port: string): string[] {
  const { edges, prefix, owner } = levels[i]!;
  const keys = edges.filter((e) => e.source === localId && e.sourcePort === port).map((e) => join(prefix, e.id));
  if (!owner) return keys;
  for (const [name, ref] of Object.entries(owner.def.outputs)) if (ref.node === localId && ref.port === port) keys.push(...readerKeys(levels, i - 1, owner.localId, name));
  return keys;
}

/**
 * The inside of the last instance of `path` (flat ids, each inside the one before: ["m1", "m1/b"]),
 * or null when the path no longer names nested instances of known modules (the document changed).
 */
export function insideView(graph: Graph, path: readonly string[]): InsideView | null {
  if (path.length === 0) return null;
  let nodes: readonly GraphNode[] = graph.nodes;
  const levels: Level[] = [{ edges: graph.edges, prefix: '', owner: null }];
  const crumbs: InsideCrumb[] = [];
  for (const flat of path) {
    const prefix = levels.at(-1)!.prefix;
    const localId = prefix ? (flat.startsWith(`${prefix}${PATH_SEPARATOR}`) ? flat.slice(prefix.length + 1) : '') : flat;
    const node = nodes.find((n) => n.id === localId);
    const module = node && isInstance(node) ? instanceModule(node) : undefined;
    const def = module === undefined ? undefined : own(graph.modules, module);
    if (!def || module === undefined) return null;
    crumbs.push({ id: flat, localId, module });
    levels.push({ edges: def.edges, prefix: flat, owner: { localId, def } });
    nodes = def.nodes;
  }
  const here = levels.length - 1, { prefix, owner } = levels[here]!;
  const { def, localId } = owner!;
  const markers: PortMarker[] = [];
  const out: InsideEdge[] = def.edges.map((e) => ({
    id: join(prefix, e.id), source: join(prefix, e.source), sourcePort: e.sourcePort, target: join(prefix, e.target), targetPort: e.targetPort, resultKey: join(prefix, e.id),
  }));
  for (const [port, ref] of Object.entries(def.inputs)) {
    const id = markerId('input', port);
    markers.push({ id, side: 'input', port });
    // One edge at most feeds a port: the value entering the module there.
    out.push({ id: join(prefix, id), source: id, sourcePort: MARKER_HANDLE.input, target: join(prefix, ref.node), targetPort: ref.port, resultKey: feedKey(levels, here - 1, localId, port) });
  }
  for (const [port, ref] of Object.entries(def.outputs)) {
    const id = markerId('output', port);
    markers.push({ id, side: 'output', port });
    // The gradient of one reader is the output's; of several, only their sum would be.
    const readers = readerKeys(levels, here - 1, localId, port);
    out.push({ id: join(prefix, id), source: join(prefix, ref.node), sourcePort: ref.port, target: id, targetPort: MARKER_HANDLE.output, resultKey: readers.length === 1 ? readers[0]! : null });
  }
  return { crumbs, nodes: nodes.map((node) => ({ id: join(prefix, node.id), node })), markers, edges: out };
}

/** The inside as a graph of ids and edges, for the one auto-layout (`model/layout.ts`). */
export function insideLayoutGraph(view: InsideView): Graph {
  return {
    name: 'inside', seed: 0,
    nodes: [...view.markers.map((m) => ({ id: m.id, kind: 'marker' })), ...view.nodes.map((n) => ({ id: n.id, kind: n.node.kind }))],
    edges: view.edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourcePort, target: e.target, targetPort: e.targetPort })),
  };
}
