// The one place that names nodes and writes the lecture's symbols: a node's display name (its `name`,
// else its id) and the symbols of its output and parameters, as TeX (Step mode, formulas) and as
// plain Unicode (canvas nodes, panels, messages). The notation is the lecture's: weights w (W for a
// matrix), biases b, a linear layer's output (pre-activation) z, an activation's output h, the input
// x, the target y*, the loss L. A node named after a symbol (w1, h_2, z3, x) is written with it; a
// word-and-number name (the default ids linear2, sigmoid2; fc3) takes its kind's letter and number
// (z₂, h₂, z₃); any other name is upright text. Two nodes never share a symbol: the later one keeps its name.
import { isModuleKind, moduleOf, type Graph, type GraphNode } from '../../engine/index.ts';

/** One symbol in both notations. */
export interface Sym {
  /** KaTeX source: w_{1}, y^{*}, \text{hidden}. */
  readonly tex: string;
  /** Unicode: w₁, y*, hidden. */
  readonly text: string;
}

export interface NodeSymbols {
  /** What people read as the node's name: its `name`, else its id. */
  readonly name: string;
  /** The symbol of the node's output (z₁ for a linear layer, h₁ for an activation, L for a loss). */
  readonly out: Sym;
  /** The symbols of its parameters by parameter name (a linear layer: W → w₁ or W₁, b → b₁). */
  readonly params: Readonly<Record<string, Sym>>;
}

/** The name people read for a node. */
export function displayName(node: Pick<GraphNode, 'id' | 'name'>): string {
  return node.name !== undefined && node.name.trim() !== '' ? node.name : node.id;
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const unicodeSub = (sub: string): string => (/^\d+$/.test(sub) ? [...sub].map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('') : `_${sub}`);

/** Text for TeX's text mode: its special characters escaped (\text{…}, and the .tex export's headings). */
export const escapeText = (s: string): string => s.replace(/[\\{}$&#^_%~]/g, (c) => (
  c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`
));

/** A letter with an optional star and subscript (digits, or a word set upright). */
function letterSym(letter: string, sub?: string, star = false): Sym {
  const subTex = sub === undefined ? '' : /^\d+$/.test(sub) ? `_{${sub}}` : `_{\\mathrm{${sub}}}`;
  return { tex: `${letter}${star ? '^{*}' : ''}${subTex}`, text: `${letter}${star ? '*' : ''}${sub === undefined ? '' : unicodeSub(sub)}` };
}

/** A name written as upright text. */
function textSym(name: string): Sym {
  return { tex: `\\text{${escapeText(name)}}`, text: name };
}

/** A symbol with another one as its subscript: W_{hidden}. */
function subscripted(letter: string, of: Sym): Sym {
  return { tex: `${letter}_{${of.tex}}`, text: `${letter}_${of.text}` };
}

interface Parsed { letter: string; sub?: string; star: boolean }

/** h1, h_1, w2, x, y*, h_out → a letter and subscript; anything else null. */
function parseSymbolName(name: string): Parsed | null {
  let m = /^([A-Za-z])(\*)?_?(\d+)$/.exec(name);
  if (m) return { letter: m[1]!, sub: m[3]!, star: !!m[2] };
  m = /^([A-Za-z])(\*)?$/.exec(name);
  if (m) return { letter: m[1]!, star: !!m[2] };
  m = /^([A-Za-z])_([A-Za-z0-9]+)$/.exec(name);
  if (m) return { letter: m[1]!, sub: m[2]!, star: false };
  return null;
}

/** A node id as a symbol: h1 → h_{1}, x → x, h_out → h_{\mathrm{out}}, anything else upright text. */
export function texSymbol(id: string): string {
  const p = parseSymbolName(id);
  return p ? letterSym(p.letter, p.sub, p.star).tex : textSym(id).tex;
}

type Role = 'linear' | 'activation' | 'input' | 'target' | 'loss' | 'other';

function roleOf(node: GraphNode): Role {
  if (!isModuleKind(node.kind)) return 'other';
  const def = moduleOf(node.kind);
  if (def.isLoss) return 'loss';
  if (node.kind === 'linear') return 'linear';
  if (node.kind === 'input') return 'input';
  if (node.kind === 'target') return 'target';
  return def.family === 'activation' ? 'activation' : 'other';
}

const ROLE_LETTER: Partial<Record<Role, string>> = { linear: 'z', activation: 'h', input: 'x', target: 'y' };

/**
 * The layer number of a word-and-number name (linear2, sigmoid2, fc3, dense_1, input1): the node is
 * then written with its kind's letter and that number (z₂, h₂, z₃), as the lecture numbers layers.
 */
function layerNumber(name: string): string | null {
  const m = /^[A-Za-z]{2,}_?(\d+)$/.exec(name);
  return m ? m[1]! : null;
}

/** Whether a linear node's weight is one number (w) or a matrix (W), from its config. */
function scalarWeight(node: GraphNode): boolean {
  const W = node.params?.W;
  if (W) return W.data.length === 1;
  const c = node.config as { in?: unknown; out?: unknown } | undefined;
  return (c?.in ?? 1) === 1 && (c?.out ?? 1) === 1;
}

// Per node object (edits share untouched nodes), so a document version that changed one node's numbers
// does not write 2,000 nodes' symbols again (issue 14.5: that took ≈ 30 ms of every edit).
const nodeCache = new WeakMap<GraphNode, Map<string, NodeSymbols>>();

function symbolsOfNode(node: GraphNode, alone: boolean, forceText: boolean): NodeSymbols {
  let byMode = nodeCache.get(node);
  if (!byMode) nodeCache.set(node, byMode = new Map());
  const mode = `${alone}${forceText}`;
  let s = byMode.get(mode);
  if (!s) byMode.set(mode, s = computeSymbols(node, alone, forceText));
  return s;
}

function computeSymbols(node: GraphNode, alone: boolean, forceText: boolean): NodeSymbols {
  const name = displayName(node);
  const role = roleOf(node);
  const parsed = forceText ? null : parseSymbolName(name);
  const number = forceText ? null : layerNumber(name);
  let out: Sym;
  if (role === 'loss') out = { tex: 'L', text: 'L' };
  else if (parsed) {
    // A linear layer named after its weight (w2) or its output (z2) is z₂ with weight w₂.
    const letter = role === 'linear' && /^[wWzZ]$/.test(parsed.letter) ? 'z' : parsed.letter;
    out = letterSym(letter, parsed.sub, parsed.star || (role === 'target' && letter === 'y'));
  } else if (number !== null && ROLE_LETTER[role]) {
    const sub = alone && (role === 'input' || role === 'target') ? undefined : number;
    out = letterSym(ROLE_LETTER[role], sub, role === 'target');
  } else out = textSym(name);
  const params: Record<string, Sym> = {};
  if (role === 'linear') {
    const w = scalarWeight(node) ? 'w' : 'W';
    const sub = parsed && /^[wWzZ]$/.test(parsed.letter) ? parsed.sub : parsed ? undefined : number ?? undefined;
    if (sub !== undefined || (parsed && /^[wWzZ]$/.test(parsed.letter))) {
      params.W = letterSym(w, sub);
      params.b = letterSym('b', sub);
    } else {
      params.W = subscripted(w, out);
      params.b = subscripted('b', out);
    }
  }
  return { name, out, params };
}

const cache = new WeakMap<Graph, ReadonlyMap<string, NodeSymbols>>();

/** Every node's name and symbols; computed once per document version. */
export function graphSymbols(graph: Graph): ReadonlyMap<string, NodeSymbols> {
  const hit = cache.get(graph);
  if (hit) return hit;
  const counts = new Map<Role, number>();
  for (const n of graph.nodes) counts.set(roleOf(n), (counts.get(roleOf(n)) ?? 0) + 1);
  const out = new Map<string, NodeSymbols>();
  const taken = new Set<string>();
  for (const n of graph.nodes) {
    const alone = (counts.get(roleOf(n)) ?? 0) === 1;
    let s = symbolsOfNode(n, alone, false);
    // Losses all read L (Step mode numbers them when there are several); other symbols are unique.
    if (roleOf(n) !== 'loss') {
      if (taken.has(s.out.tex)) s = symbolsOfNode(n, alone, true);
      taken.add(s.out.tex);
    }
    out.set(n.id, s);
  }
  cache.set(graph, out);
  return out;
}

/** The symbols of one node of the graph (a node that is not in it: its id as text). */
export function nodeSymbols(graph: Graph, id: string): NodeSymbols {
  return graphSymbols(graph).get(id) ?? { name: id, out: textSym(id), params: {} };
}

/** ∂L/∂w₁ as plain text. */
export const gradText = (s: Sym | string): string => `∂L/∂${typeof s === 'string' ? s : s.text}`;
