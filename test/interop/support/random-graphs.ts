// Random graphs over every module kind of the registry, for comparing exports with the engine.
// One recipe per kind; `randomGraphs` takes the kinds from the registry, so a new kind fails here,
// loudly, until it has a recipe (and then the export test fails until the exporter handles it), and
// it checks that the set it returns uses every kind.
import { initSchemes, moduleKinds, moduleOf, type Graph, type GraphEdge, type GraphNode, type ModuleKind } from '../../../engine/index.ts';
import { randomFormulas } from '../../engine/support/random-formula.ts';
import { awayFromZero, oneHot, testRng, uniform } from '../../engine/support/random.ts';

interface Value {
  readonly id: string;
  readonly features: number;
  /** Values strictly inside (0, 1): what bce's prediction port needs. */
  readonly unit: boolean;
}

interface Builder {
  readonly rng: () => number;
  readonly batch: number;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** Outputs that later nodes may consume (losses end a path, so they are not here). */
  readonly pool: Value[];
  count: number;
}

/** Display names that are awkward in Python: keywords, nn.Module attributes, spaces, digits, Unicode, repeats. */
const NAMES = ['class', 'train', 'forward', 'data', 'hidden layer', '2nd', 'σ(x)', 'h₁', 'x', 'loss', 'torch', 'self', 'ﬁlter', 'café', 'total_loss', '__init__', 'batch_size', 'two\nlines', 'quote"""s\\'];

const int = (b: Builder, lo: number, hi: number): number => lo + Math.floor(b.rng() * (hi - lo + 1));
const pick = <T>(b: Builder, xs: readonly T[]): T => xs[Math.floor(b.rng() * xs.length)]!;

function add(b: Builder, kind: string, node: Omit<GraphNode, 'id' | 'kind'>, inputs: Record<string, Value>, out?: Omit<Value, 'id'>): Value {
  const id = `${kind}${++b.count}`;
  const named = b.rng() < 0.4 ? { name: pick(b, NAMES) } : {};
  b.nodes.push({ id, kind, ...named, ...node });
  for (const [port, v] of Object.entries(inputs)) b.edges.push({ id: `${v.id}->${id}.${port}`, source: v.id, sourcePort: 'out', target: id, targetPort: port });
  const value = { id, features: out?.features ?? 1, unit: out?.unit ?? false };
  if (out) b.pool.push(value);
  return value;
}

function data(b: Builder, kind: 'input' | 'target', features: number, values: 'signed' | 'unit' | 'onehot'): Value {
  const n = b.batch * features;
  const v = values === 'signed' ? awayFromZero(b.rng, n) : values === 'unit' ? uniform(b.rng, n, 0.05, 0.95) : oneHot(b.rng, b.batch, features);
  return add(b, kind, { config: { size: features }, value: { shape: [b.batch, features], data: v } }, {}, { features, unit: values !== 'signed' });
}

function linear(b: Builder, x: Value, out: number): Value {
  const bias = b.rng() < 0.7;
  const stored = b.rng() < 0.5;
  const config = { in: x.features, out, bias, init: pick(b, initSchemes) };
  // Half of them store no parameters: the export must draw them exactly as the engine does.
  const params = stored ? { W: { shape: [out, x.features], data: uniform(b.rng, out * x.features) }, ...(bias ? { b: { shape: [out], data: uniform(b.rng, out) } } : {}) } : undefined;
  return add(b, 'linear', { config, ...(params ? { params } : {}) }, { in: x }, { features: out, unit: false });
}

const any = (b: Builder): Value => pick(b, b.pool);
const sameWidth = (b: Builder, v: Value, unit = false): Value | undefined => {
  const found = b.pool.filter((p) => p.features === v.features && (!unit || p.unit));
  return found.length > 0 && b.rng() < 0.6 ? pick(b, found) : undefined;
};
const squash = (b: Builder, x: Value): Value => add(b, 'sigmoid', {}, { in: x }, { features: x.features, unit: true });
const unary = (kind: string, unit: boolean) => (b: Builder): void => { const x = any(b); add(b, kind, {}, { in: x }, { features: x.features, unit }); };
const reduction = (b: Builder) => ({ reduction: b.rng() < 0.5 ? 'sum' : 'mean' });

type Recipe = (b: Builder) => void;
const recipes = {
  input: (b: Builder) => { data(b, 'input', int(b, 1, 4), 'signed'); },
  target: (b: Builder) => { data(b, 'target', int(b, 1, 4), pick(b, ['signed', 'unit', 'onehot'] as const)); },
  linear: (b: Builder) => { linear(b, any(b), int(b, 1, 4)); },
  sigmoid: unary('sigmoid', true),
  tanh: unary('tanh', false),
  relu: unary('relu', false),
  softmax: unary('softmax', true),
  add: (b: Builder) => { const a = any(b); add(b, 'add', {}, { a, b: sameWidth(b, a) ?? linear(b, any(b), a.features) }, { features: a.features, unit: false }); },
  multiply: (b: Builder) => { const a = any(b), c = sameWidth(b, a) ?? a; add(b, 'multiply', {}, { a, b: c }, { features: a.features, unit: a.unit && c.unit }); },
  concat: (b: Builder) => { const a = any(b), c = any(b); add(b, 'concat', {}, { a, b: c }, { features: a.features + c.features, unit: a.unit && c.unit }); },
  formula: (b: Builder) => {
    const a = any(b), others = b.pool.filter((p) => p.features === a.features && p.id !== a.id);
    const ins = [a, ...others.slice(0, int(b, 0, 2))];
    const names = ins.map((_, i) => ['x', 'y', 'z'][i]!);
    const expression = randomFormulas(b.rng, names, 1, 3)[0]!;
    add(b, 'formula', { config: { expression, inputs: names } }, Object.fromEntries(ins.map((v, i) => [names[i]!, v])), { features: a.features, unit: false });
  },
  sum: (b: Builder) => { add(b, 'sum', {}, { in: any(b) }, { features: 1, unit: false }); },
  mean: (b: Builder) => { const x = any(b); add(b, 'mean', {}, { in: x }, { features: 1, unit: x.unit }); },
  l1: (b: Builder) => { const p = any(b); add(b, 'l1', { config: reduction(b) }, { pred: p, target: sameWidth(b, p) ?? data(b, 'target', p.features, 'signed') }); },
  huber: (b: Builder) => {
    const p = any(b);
    add(b, 'huber', { config: { ...reduction(b), delta: pick(b, [0.25, 0.5, 1, 2]) } }, { pred: p, target: sameWidth(b, p) ?? data(b, 'target', p.features, 'signed') });
  },
  mse: (b: Builder) => { const p = any(b); add(b, 'mse', { config: reduction(b) }, { pred: p, target: sameWidth(b, p) ?? data(b, 'target', p.features, 'signed') }); },
  bce: (b: Builder) => {
    const units = b.pool.filter((v) => v.unit);
    const p = units.length > 0 ? pick(b, units) : squash(b, any(b));
    add(b, 'bce', { config: reduction(b) }, { pred: p, target: sameWidth(b, p, true) ?? data(b, 'target', p.features, 'unit') });
  },
  bce_logits: (b: Builder) => { const z = any(b); add(b, 'bce_logits', { config: reduction(b) }, { logits: z, target: sameWidth(b, z, true) ?? data(b, 'target', z.features, 'unit') }); },
  softmax_ce: (b: Builder) => { const z = any(b); add(b, 'softmax_ce', { config: reduction(b) }, { logits: z, target: sameWidth(b, z, true) ?? data(b, 'target', z.features, pick(b, ['unit', 'onehot'] as const)) }); },
} satisfies Partial<Record<ModuleKind, Recipe>>;

const isLoss = (k: ModuleKind): boolean => moduleOf(k).isLoss;

export interface RandomGraphOptions {
  readonly count: number;
  readonly seed: number;
  /** Random kinds per graph on top of the ones every kind needs somewhere. */
  readonly extra?: number;
  /** Kinds left out (a format that cannot express them, such as formula in ONNX); the rest are all used. */
  readonly without?: readonly ModuleKind[];
}

/** `count` graphs that together use every kind of the registry but `without` (throws if they do not). */
export function randomGraphs({ count, seed, extra = 5, without = [] }: RandomGraphOptions): Graph[] {
  const rng = testRng(seed);
  const kinds = moduleKinds.filter((k) => !without.includes(k));
  const recipeOf = (k: ModuleKind): Recipe | undefined => (recipes as Partial<Record<ModuleKind, Recipe>>)[k];
  const unknown = kinds.filter((k) => !recipeOf(k));
  if (unknown.length > 0) throw new Error(`randomGraphs: no recipe for the module kind${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; add one to test/interop/support/random-graphs.ts (and its PyTorch line to interop/pytorch/kinds.ts)`);
  const graphs: Graph[] = [];
  for (let g = 0; g < count; g++) {
    const b: Builder = { rng, batch: 2 + Math.floor(rng() * 5), nodes: [], edges: [], pool: [], count: 0 };
    recipes.input(b);
    if (rng() < 0.5) recipes.input(b);
    const mine = kinds.filter((_, i) => i % count === g);
    const chosen = [...mine, ...Array.from({ length: extra }, () => kinds[Math.floor(rng() * kinds.length)]!)];
    chosen.sort((x, y) => Number(isLoss(x)) - Number(isLoss(y))); // layers first, so losses have something to compare
    for (const kind of chosen) recipeOf(kind)!(b);
    if (!b.nodes.some((n) => isLoss(n.kind as ModuleKind))) recipes.mse(b);
    // The title lands in the docstring and in a string: quotes and a backslash must stay inert there.
    graphs.push({ name: `random """${g}\\`, seed: Math.floor(rng() * 2 ** 32), nodes: b.nodes, edges: b.edges });
  }
  const used = new Set(graphs.flatMap((g) => g.nodes.map((n) => n.kind)));
  const missing = kinds.filter((k) => !used.has(k));
  if (missing.length > 0) throw new Error(`randomGraphs: no graph uses ${missing.join(', ')}`);
  return graphs;
}
