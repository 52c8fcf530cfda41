// The one description of what changed between two versions of the document. The document store
// computes it once per commit; the history (duplicates), the engine client (re-run?), the graph index
// (re-analyse?), the canvas (which nodes React Flow re-adopts) and training (still the model a run
// started from?) all read it instead of each deciding "did the graph change" in its own way.
// Edits share untouched nodes by reference, so only the elements that differ are compared by content.
import { dequal } from 'dequal';
import type { Graph, GraphEdge, GraphNode, TensorJson } from '../../engine/index.ts';

/**
 * From least to most: equal content; only node positions; only finite entries of parameters and data
 * values (same shapes, finite before and after, so no issue or shape can change); anything else,
 * including the seed and the datasets bound inputs draw from.
 */
export type ChangeKind = 'same' | 'positions' | 'numbers' | 'structure';

export interface GraphChange {
  readonly from: Graph;
  readonly to: Graph;
  readonly kind: ChangeKind;
  /** Nodes whose position changed. */
  readonly moved: ReadonlySet<string>;
  /** Nodes added, removed, or changed in anything but their position. */
  readonly nodes: ReadonlySet<string>;
  /** Edges added, removed or rewired. */
  readonly edges: ReadonlySet<string>;
  /** The dataset recipes changed (a structure change: bound inputs draw other samples). */
  readonly datasets: boolean;
  /** The saved training settings changed (no number on the canvas depends on them). */
  readonly training: boolean;
  /** The document's name changed. */
  readonly name: boolean;
  /** The exercise settings changed (what Step mode asks; no number on the canvas depends on them). */
  readonly exercise: boolean;
}

const RANK: Record<ChangeKind, number> = { same: 0, positions: 1, numbers: 2, structure: 3 };
const larger = (a: ChangeKind, b: ChangeKind): ChangeKind => (RANK[b] > RANK[a] ? b : a);

/** Nothing at all changed: the history drops such a version, the store keeps the old object. */
export const isUnchanged = (c: GraphChange): boolean => c.kind === 'same' && !c.training && !c.name && !c.exercise;
/** A run of the new version can give other numbers (positions, name and settings cannot). */
export const changesResults = (c: GraphChange): boolean => RANK[c.kind] >= RANK.numbers;
/** The engine's analysis (issues, shapes) can differ. */
export const changesAnalysis = (c: GraphChange): boolean => c.kind === 'structure';
/** What a training run trains changed: anything but positions and the name. */
export const changesModel = (c: GraphChange): boolean => changesResults(c) || c.training;

const cache = new WeakMap<Graph, WeakMap<Graph, GraphChange>>();

/** What changed from `from` to `to`; memoised per pair, so every consumer may ask. */
export function diffGraphs(from: Graph, to: Graph): GraphChange {
  let byTo = cache.get(from);
  const hit = byTo?.get(to);
  if (hit) return hit;
  const change = computeChange(from, to);
  if (!byTo) cache.set(from, byTo = new WeakMap());
  byTo.set(to, change);
  return change;
}

function computeChange(from: Graph, to: Graph): GraphChange {
  const moved = new Set<string>(), nodes = new Set<string>(), edges = new Set<string>();
  let kind: ChangeKind = 'same', datasets = false, training = false, name = false, exercise = false;
  if (from !== to) {
    for (const key of unionKeys(from, to)) {
      if (key === 'nodes' || key === 'edges' || same(from[key], to[key])) continue;
      if (key === 'name') name = true;
      else if (key === 'training') training = true;
      else if (key === 'exercise') exercise = true;
      else {
        if (key === 'datasets') datasets = true;
        kind = 'structure';
      }
    }
    kind = larger(kind, diffNodes(from.nodes, to.nodes, moved, nodes));
    kind = larger(kind, diffEdges(from.edges, to.edges, edges));
  }
  return { from, to, kind, moved, nodes, edges, datasets, training, name, exercise };
}

function diffNodes(a: readonly GraphNode[], b: readonly GraphNode[], moved: Set<string>, touched: Set<string>): ChangeKind {
  if (a === b) return 'same';
  let kind: ChangeKind = sameOrder(a, b) ? 'same' : 'structure';
  const before = kind === 'same' ? null : new Map(a.map((n) => [n.id, n]));
  b.forEach((y, i) => {
    const x = before ? before.get(y.id) : a[i]!;
    if (!x) {
      touched.add(y.id);
      kind = 'structure';
      return;
    }
    if (x === y) return;
    const c = compareNode(x, y);
    if (c.moved) moved.add(y.id);
    if (c.content !== 'same') touched.add(y.id);
    kind = larger(kind, c.moved && c.content === 'same' ? 'positions' : c.content);
  });
  if (before) {
    const after = new Set(b.map((n) => n.id));
    for (const n of a) if (!after.has(n.id)) touched.add(n.id);
  }
  return kind;
}

function diffEdges(a: readonly GraphEdge[], b: readonly GraphEdge[], touched: Set<string>): ChangeKind {
  if (a === b) return 'same';
  let kind: ChangeKind = sameOrder(a, b) ? 'same' : 'structure';
  const before = new Map(a.map((e) => [e.id, e]));
  for (const y of b) {
    const x = before.get(y.id);
    if (x === y || (x && same(x, y))) continue;
    touched.add(y.id);
    kind = 'structure';
  }
  const after = new Set(b.map((e) => e.id));
  for (const e of a) if (!after.has(e.id)) touched.add(e.id);
  return touched.size > 0 ? 'structure' : kind;
}

/** A node's change: whether it moved, and what else changed (a new id or kind is structure). */
export function compareNode(x: GraphNode, y: GraphNode): { moved: boolean; content: Exclude<ChangeKind, 'positions'> } {
  if (x === y) return { moved: false, content: 'same' };
  if (x.id !== y.id || x.kind !== y.kind) return { moved: true, content: 'structure' };
  let moved = false;
  let content: 'same' | 'numbers' | 'structure' = 'same';
  for (const key of unionKeys(x, y)) {
    if (x[key] === y[key]) continue;
    if (key === 'position') moved = !same(x.position, y.position);
    else if (key === 'value') content = larger(content, compareTensor(x.value, y.value)) as typeof content;
    else if (key === 'params') content = larger(content, compareParams(x.params, y.params)) as typeof content;
    else if (!same(x[key], y[key])) content = 'structure';
  }
  return { moved, content };
}

function compareParams(p: GraphNode['params'], q: GraphNode['params']): 'same' | 'numbers' | 'structure' {
  if (p === q) return 'same';
  if (!p || !q) return same(p, q) ? 'same' : 'structure';
  const names = Object.keys(p);
  if (names.length !== Object.keys(q).length || !names.every((n) => Object.hasOwn(q, n))) return 'structure';
  let kind: 'same' | 'numbers' | 'structure' = 'same';
  for (const n of names) kind = larger(kind, compareTensor(p[n], q[n])) as typeof kind;
  return kind;
}

/** Equal; the same layout with finite entries only (numbers); or anything else (structure). */
function compareTensor(p: TensorJson | undefined, q: TensorJson | undefined): 'same' | 'numbers' | 'structure' {
  if (p === q || same(p, q)) return 'same';
  if (!p || !q || !Array.isArray(p.data) || !Array.isArray(q.data) || p.data.length !== q.data.length) return 'structure';
  const { data: _pd, ...pLayout } = p;
  const { data: _qd, ...qLayout } = q;
  return same(pLayout, qLayout) && allFinite(p.data) && allFinite(q.data) ? 'numbers' : 'structure';
}

function allFinite(data: readonly unknown[]): boolean {
  for (const x of data) if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  return true;
}

function sameOrder(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
}

function unionKeys(a: object, b: object): Set<string> {
  return new Set([...Object.keys(a), ...Object.keys(b)]);
}

/** Content equality, for the few values that are not shared by reference. */
function same(x: unknown, y: unknown): boolean {
  return x === y || dequal(x, y);
}
