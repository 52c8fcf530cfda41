// The order of a forward/backward step-through and what each step reveals: one step per node, its
// phase, and the edges it reveals. The Step panel (renderer/math/step-timeline.ts adds each step's
// title and equation) and the figure export (interop/figure/) both read it, so a figure of step N
// shows what the canvas shows at step N.
//
// Reveal rule (edgeIds):
// - forward step of n: n's OUTGOING edges: n has just produced the value they carry;
// - backward step of n: n's INCOMING edges: n has just produced dL/d(each input), the gradient
//   they carry back. Data nodes have no inputs, so their backward step reveals no edge (their
//   gradient was revealed by their consumers' steps); it shows the total dL/dx.
// Order: forward steps follow results.order (topological); backward steps walk it in reverse,
// only for nodes with a path to a loss, and the data nodes (input, target) come last.
import { isModuleKind, modules, nodeInputPorts, type Graph, type GraphEdge, type GraphNode, type RunResults } from '../../engine/index.ts';

export interface StepOrderEntry {
  readonly index: number;
  readonly phase: 'forward' | 'backward';
  readonly nodeId: string;
  readonly edgeIds: string[];
}

/** The graph's wiring as the step-through reads it: edges into each node in the order of its ports. */
export interface StepWiring {
  readonly nodes: Map<string, GraphNode>;
  readonly inEdges: Map<string, GraphEdge[]>;
  readonly outEdges: Map<string, GraphEdge[]>;
  /** Nodes with a path to a loss. */
  readonly reaching: Set<string>;
  readonly lossCount: number;
}

export function stepWiring(graph: Graph, results: RunResults): StepWiring {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const inEdges = new Map<string, GraphEdge[]>();
  const outEdges = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    inEdges.set(e.target, [...(inEdges.get(e.target) ?? []), e]);
    outEdges.set(e.source, [...(outEdges.get(e.source) ?? []), e]);
  }
  // Input edges in the order of the module's ports (pred before target, a before b).
  for (const [id, list] of inEdges) {
    const kind = nodes.get(id)!.kind;
    const ports = nodeInputPorts(nodes.get(id)!);
    if (isModuleKind(kind)) list.sort((a, b) => ports.indexOf(a.targetPort) - ports.indexOf(b.targetPort));
  }
  const isLoss = (id: string): boolean => { const k = nodes.get(id)?.kind ?? ''; return isModuleKind(k) && modules[k].isLoss; };
  const reaching = new Set<string>();
  for (let i = results.order.length - 1; i >= 0; i--) {
    const id = results.order[i]!;
    if (isLoss(id) || (outEdges.get(id) ?? []).some((e) => reaching.has(e.target))) reaching.add(id);
  }
  const lossCount = results.order.filter(isLoss).length;
  return { nodes, inEdges, outEdges, reaching, lossCount };
}

/** Every step of the run, in order. */
export function stepOrder(graph: Graph, results: RunResults, wiring: StepWiring = stepWiring(graph, results)): StepOrderEntry[] {
  const order = results.order.filter((id) => wiring.nodes.has(id) && results.nodes[id]);
  const steps: StepOrderEntry[] = [];
  const push = (phase: StepOrderEntry['phase'], nodeId: string, edgeIds: string[]): void => {
    steps.push({ index: steps.length, phase, nodeId, edgeIds });
  };
  for (const id of order) push('forward', id, (wiring.outEdges.get(id) ?? []).map((e) => e.id));
  if (wiring.lossCount === 0) return steps;
  const back = [...order].reverse().filter((id) => wiring.reaching.has(id));
  const isData = (id: string): boolean => { const k = wiring.nodes.get(id)?.kind; return k === 'input' || k === 'target'; };
  for (const id of back.filter((i) => !isData(i))) push('backward', id, (wiring.inEdges.get(id) ?? []).map((e) => e.id));
  for (const id of back.filter(isData)) push('backward', id, []);
  return steps;
}

/** What the step-through shows once step `index` is reached. */
export interface Reveal<S extends StepOrderEntry = StepOrderEntry> {
  readonly current: S | undefined;
  /** Edges whose forward value has been produced. */
  readonly values: ReadonlySet<string>;
  /** Edges whose gradient has been produced. */
  readonly grads: ReadonlySet<string>;
  /** Nodes whose forward step has been reached: their outputs (a loss's L) may be shown. */
  readonly computed: ReadonlySet<string>;
  /** Nodes whose backward step has been reached: their parameter gradients may be shown. */
  readonly backpropagated: ReadonlySet<string>;
  /** Every forward step has been reached: the total loss is known. */
  readonly forwardDone: boolean;
}

export function revealUpTo<S extends StepOrderEntry>(steps: readonly S[], index: number): Reveal<S> {
  const values = new Set<string>(), grads = new Set<string>(), computed = new Set<string>(), backpropagated = new Set<string>();
  for (const s of steps.slice(0, index + 1)) {
    for (const e of s.edgeIds) (s.phase === 'forward' ? values : grads).add(e);
    (s.phase === 'forward' ? computed : backpropagated).add(s.nodeId);
  }
  const forwardDone = steps.slice(index + 1).every((s) => s.phase !== 'forward');
  return { current: steps[index], values, grads, computed, backpropagated, forwardDone };
}
