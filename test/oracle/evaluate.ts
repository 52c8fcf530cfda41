// Evaluates a Graph JSON with the scalar oracle: every module written from its textbook formula.
// Parameters must be stored in the graph (the oracle does not reproduce the engine's initialisation).
import { parseFormula, type Expr, type Graph, type GraphNode } from '../../engine/index.ts';
import { sum, Value } from './value.ts';

type Rows = Value[][];

export interface OracleResult {
  loss: number | null;
  /** Node output values and dL/d(output), as flat row-major arrays. */
  nodes: Record<string, { output: number[]; grad: number[]; params: Record<string, { grad: number[] }> }>;
  /** Per edge: the share of dL flowing back through that edge. */
  edges: Record<string, { value: number[]; grad: number[] }>;
}

const flat = (rows: Rows, pick: (v: Value) => number): number[] => rows.flatMap((r) => r.map(pick));

function leaves(shape: number[], data: number[]): Value[] {
  if (data.length !== shape.reduce((a, b) => a * b, 1)) throw new Error('oracle: data does not fit shape');
  return data.map((d) => new Value(d));
}

function toRows(values: Value[], cols: number): Rows {
  const rows: Rows = [];
  for (let i = 0; i < values.length; i += cols) rows.push(values.slice(i, i + cols));
  return rows;
}

const map = (x: Rows, f: (v: Value) => Value): Rows => x.map((r) => r.map(f));
const zip = (a: Rows, b: Rows, f: (u: Value, v: Value) => Value): Rows => a.map((r, i) => r.map((u, j) => f(u, b[i]![j]!)));

function softmaxRow(z: Value[]): Value[] {
  const m = Math.max(...z.map((v) => v.data)); // a constant shift: softmax is invariant to it
  const e = z.map((v) => v.sub(m).exp());
  const s = sum(e);
  return e.map((v) => v.div(s));
}

function reduce(perSample: Value[], config: Record<string, unknown> | undefined): Value {
  const total = sum(perSample);
  return config?.reduction === 'mean' ? total.div(perSample.length) : total;
}

/** Topological order by depth-first search over incoming edges (independent of the engine's Kahn sort). */
function order(graph: Graph): GraphNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const out: GraphNode[] = [];
  const visit = (id: string): void => {
    if (done.has(id)) return;
    done.add(id);
    for (const e of graph.edges) if (e.target === id) visit(e.source);
    out.push(byId.get(id)!);
  };
  for (const n of graph.nodes) visit(n.id);
  return out;
}

export function evaluateWithOracle(graph: Graph): OracleResult {
  const batch = graph.nodes.find((n) => n.value)?.value?.shape[0] ?? 1;
  const outputs = new Map<string, Rows>();
  const params = new Map<string, Record<string, Value[]>>();
  const edgeTaps = new Map<string, Rows>();
  const losses: Value[] = [];

  for (const node of order(graph)) {
    // Each incoming edge gets its own identity tap, so its gradient is that consumer's share.
    const port = (name: string): Rows => {
      const e = graph.edges.find((x) => x.target === node.id && x.targetPort === name);
      if (!e) throw new Error(`oracle: ${node.id}.${name} is not connected`);
      const tap = map(outputs.get(e.source)!, (v) => v.identity());
      edgeTaps.set(e.id, tap);
      return tap;
    };
    const cfg = node.config ?? {};
    let out: Rows;
    switch (node.kind) {
      case 'input':
      case 'target': {
        const size = (cfg.size as number | undefined) ?? 1;
        out = node.value ? toRows(leaves(node.value.shape, node.value.data), size)
          : Array.from({ length: batch }, () => Array.from({ length: size }, () => new Value(0)));
        break;
      }
      case 'linear': {
        const inF = (cfg.in as number | undefined) ?? 1, outF = (cfg.out as number | undefined) ?? 1;
        const W = leaves([outF, inF], node.params!.W!.data);
        const p: Record<string, Value[]> = { W };
        const hasBias = cfg.bias !== false;
        if (hasBias) p.b = leaves([outF], node.params!.b!.data);
        params.set(node.id, p);
        // y[i][o] = Σ_k x[i][k] W[o][k] + b[o]
        out = port('in').map((x) => Array.from({ length: outF }, (_, o) => {
          const dot = sum(x.map((xk, k) => xk.mul(W[o * inF + k]!)));
          return hasBias ? dot.add(p.b![o]!) : dot;
        }));
        break;
      }
      case 'sigmoid': out = map(port('in'), (v) => v.sigmoid()); break;
      case 'tanh': out = map(port('in'), (v) => v.tanh()); break;
      case 'relu': out = map(port('in'), (v) => v.relu()); break;
      case 'softmax': out = port('in').map(softmaxRow); break;
      case 'add': { const a = port('a'); out = zip(a, port('b'), (u, v) => u.add(v)); break; }
      case 'multiply': { const a = port('a'); out = zip(a, port('b'), (u, v) => u.mul(v)); break; }
      case 'concat': { const a = port('a'), b = port('b'); out = a.map((r, i) => [...r, ...b[i]!]); break; }
      case 'formula': {
        // the expression read by the engine's parser, evaluated with this file's scalar rules
        const ports = (cfg.inputs as string[] | undefined) ?? ['x'];
        const tree = parseFormula((cfg.expression as string | undefined) ?? 'x', ports);
        const xs = ports.map((p) => port(p));
        out = xs[0]!.map((row, i) => row.map((_v, j) => formulaValue(tree, xs.map((x) => x[i]![j]!))));
        break;
      }
      case 'sum': out = port('in').map((row) => [sum(row)]); break;
      case 'mean': out = port('in').map((row) => [sum(row).div(row.length)]); break;
      case 'l1': {
        // per sample Σ_j |p_j − t_j|
        const p = port('pred'), t = port('target');
        losses.push(reduce(p.map((row, i) => sum(row.map((pj, j) => pj.sub(t[i]![j]!).abs()))), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      case 'huber': {
        // per sample Σ_j ρ(p_j − t_j): ½d² for |d| < δ, δ(|d| − ½δ) outside
        const p = port('pred'), t = port('target'), delta = (cfg.delta as number | undefined) ?? 1;
        losses.push(reduce(p.map((row, i) => sum(row.map((pj, j) => {
          const d = pj.sub(t[i]![j]!);
          return Math.abs(d.data) < delta ? d.mul(d).mul(0.5) : d.abs().sub(0.5 * delta).mul(delta);
        }))), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      case 'mse': {
        // per sample ½ Σ_j (p_j − t_j)²
        const p = port('pred'), t = port('target');
        losses.push(reduce(p.map((row, i) => sum(row.map((pj, j) => { const d = pj.sub(t[i]![j]!); return d.mul(d).mul(0.5); }))), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      case 'bce': {
        // per sample −Σ_j [t log p + (1 − t) log(1 − p)]
        const p = port('pred'), t = port('target');
        losses.push(reduce(p.map((row, i) => sum(row.map((pj, j) => {
          const tj = t[i]![j]!;
          return tj.mul(pj.log()).add(new Value(1).sub(tj).mul(new Value(1).sub(pj).log())).neg();
        }))), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      case 'bce_logits': {
        // per sample −Σ_j [t log σ(z) + (1 − t) log(1 − σ(z))]
        const z = port('logits'), t = port('target');
        losses.push(reduce(z.map((row, i) => sum(row.map((zj, j) => {
          const tj = t[i]![j]!, s = zj.sigmoid();
          return tj.mul(s.log()).add(new Value(1).sub(tj).mul(new Value(1).sub(s).log())).neg();
        }))), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      case 'softmax_ce': {
        // per sample −Σ_j t_j log softmax(z)_j
        const z = port('logits'), t = port('target');
        losses.push(reduce(z.map((row, i) => sum(softmaxRow(row).map((s, j) => t[i]![j]!.mul(s.log()))).neg()), cfg));
        out = [[losses.at(-1)!]];
        break;
      }
      default:
        throw new Error(`oracle: no rule for kind "${node.kind}"`);
    }
    outputs.set(node.id, out);
  }

  const total = losses.length ? sum(losses) : null;
  total?.backward();
  const result: OracleResult = { loss: total?.data ?? null, nodes: {}, edges: {} };
  for (const [id, rows] of outputs) {
    const p = params.get(id) ?? {};
    result.nodes[id] = {
      output: flat(rows, (v) => v.data),
      grad: flat(rows, (v) => v.grad),
      params: Object.fromEntries(Object.entries(p).map(([name, vs]) => [name, { grad: vs.map((v) => v.grad) }])),
    };
  }
  for (const [id, tap] of edgeTaps) result.edges[id] = { value: flat(tap, (v) => v.data), grad: flat(tap, (v) => v.grad) };
  return result;
}

function formulaValue(e: Expr, vars: Value[]): Value {
  const f = (x: Expr): Value => formulaValue(x, vars);
  switch (e.kind) {
    case 'num': return new Value(e.value);
    case 'var': return vars[e.index]!;
    case 'neg': return f(e.arg).neg();
    case 'bin': {
      const a = f(e.left);
      if (e.op === '^') return e.right.kind === 'num' ? a.pow(e.right.value) : a.pow(f(e.right));
      const b = f(e.right);
      return e.op === '+' ? a.add(b) : e.op === '-' ? a.sub(b) : e.op === '*' ? a.mul(b) : a.div(b);
    }
    case 'call': {
      const [u, w] = e.args.map(f) as [Value, Value | undefined];
      switch (e.fn) {
        case 'exp': return u.exp();
        case 'log': return u.log();
        case 'sqrt': return u.sqrt();
        case 'abs': return u.abs();
        case 'sin': return u.sin();
        case 'cos': return u.cos();
        case 'tanh': return u.tanh();
        case 'sigmoid': return u.sigmoid();
        case 'relu': return u.relu();
        case 'softplus': return u.softplus();
        case 'pow': return e.args[1]!.kind === 'num' ? u.pow(e.args[1]!.value) : u.pow(w!);
        case 'max': return u.max(w!);
        case 'min': return u.min(w!);
        default: throw new Error(`oracle: no rule for ${e.fn}`);
      }
    }
  }
}
