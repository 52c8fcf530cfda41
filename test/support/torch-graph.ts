// A graph evaluated by PyTorch float64, node by node, from the same document the engine compiles:
// loss, gradients of every parameter and data value, and the Hessian of chosen parameters by
// torch.autograd.functional.hessian. Only the order of the nodes and the wiring of their ports come
// from the engine; every number is torch's.
import type { TestContext } from 'vitest';
import { compileFormula, compileGraph, type FormulaConfig, type Graph, type ParamRef } from '../../engine/index.ts';
import { formulaPython } from '../../interop/pytorch/formula-code.ts';
import { requireTorch, runTorchScript, sharedTorch } from './torch.ts';

export interface TorchGraphResult {
  readonly loss: number;
  /** "node.param" → dL/dparam, flattened row-major. */
  readonly grads: Record<string, number[]>;
  /** "node" → dL/d(value) of data nodes. */
  readonly valueGrads: Record<string, number[]>;
  /** Row-major n×n Hessian over the requested parameters, in their order; null when none requested. */
  readonly hessian: number[] | null;
}

// torch's BCELoss clamps p(1 − p) with the float 1e-12f in its backward. EngineBce is that loss with
// the same first-order backward written in differentiable torch ops, so torch's second derivative of
// it is the derivative of the first order (torch's own double backward of BCELoss uses another, additive
// epsilon, which is not the derivative of its first order).
const SCRIPT = String.raw`
import torch.nn.functional as F
EPS = float(torch.tensor(1e-12, dtype=torch.float32))

class EngineBce(torch.autograd.Function):
    @staticmethod
    def forward(ctx, p, t):
        ctx.save_for_backward(p, t)
        return F.binary_cross_entropy(p, t, reduction='sum')
    @staticmethod
    def backward(ctx, g):
        p, t = ctx.saved_tensors
        gp = g * (p - t) / torch.clamp(p * (1 - p), min=EPS) if ctx.needs_input_grad[0] else None
        gt = g * (torch.clamp(torch.log(1 - p), min=-100) - torch.clamp(torch.log(p), min=-100)) if ctx.needs_input_grad[1] else None
        return gp, gt

def t2(j):
    return torch.tensor(j['data'], dtype=torch.float64).reshape(j['shape'])

def evaluate(plan, params, values):
    out = {}
    total = 0
    for n in plan:
        k, c, xs = n['kind'], n['config'], [out[s] for s in n['inputs']]
        P = params[n.get('alias') or n['id']]
        B = xs[0].shape[0] if xs else 1
        r = 1.0 / B if c.get('reduction') == 'mean' else 1.0
        if k in ('input', 'target'): y = values[n['id']]
        elif k == 'linear': y = xs[0] @ P['W'].T + (P['b'] if 'b' in P else 0)
        elif k == 'sigmoid': y = torch.sigmoid(xs[0])
        elif k == 'tanh': y = torch.tanh(xs[0])
        elif k == 'relu': y = torch.relu(xs[0])
        elif k == 'softmax': y = torch.softmax(xs[0], dim=1)
        elif k == 'add': y = xs[0] + xs[1]
        elif k == 'multiply': y = xs[0] * xs[1]
        elif k == 'concat': y = torch.cat(xs, dim=1)
        elif k == 'formula': y = eval(n['python'], {'torch': torch, 'float': float}, {f'v{i}': x for i, x in enumerate(xs)})
        elif k == 'sum': y = xs[0].sum(dim=1, keepdim=True)
        elif k == 'mean': y = xs[0].mean(dim=1, keepdim=True)
        elif k == 'l1': y = r * F.l1_loss(xs[0], xs[1], reduction='sum')
        elif k == 'huber': y = r * F.huber_loss(xs[0], xs[1], reduction='sum', delta=c['delta'])
        elif k == 'mse': y = 0.5 * r * ((xs[0] - xs[1]) ** 2).sum()
        elif k == 'bce': y = r * EngineBce.apply(xs[0], xs[1])
        elif k == 'bce_logits': y = r * F.binary_cross_entropy_with_logits(xs[0], xs[1], reduction='sum')
        elif k == 'softmax_ce': y = -r * (xs[1] * torch.log_softmax(xs[0], dim=1)).sum()
        else: raise ValueError('no torch version of kind ' + k)
        out[n['id']] = y
        if n['isLoss']: total = total + y
    return total

def run_case(plan, refs):
    # a node with an alias uses the parameters (the same leaves) of the node it names: shared weights
    params = {n['id']: {k: t2(v).requires_grad_() for k, v in n['params'].items()} for n in plan if not n.get('alias')}
    values = {n['id']: t2(n['value']).requires_grad_() for n in plan if n['value'] is not None}
    loss = evaluate(plan, params, values)
    leaves = [(i + '.' + k, v) for i, p in params.items() for k, v in p.items()] + [(i, v) for i, v in values.items()]
    gs = torch.autograd.grad(loss, [v for _, v in leaves], allow_unused=True)
    grads = {name: (g if g is not None else torch.zeros_like(v)).flatten() for (name, v), g in zip(leaves, gs)}
    hessian = None
    if refs:
        fixed = {i: {k: v.detach() for k, v in p.items()} for i, p in params.items()}
        sizes = [fixed[r['nodeId']][r['name']].numel() for r in refs]
        theta = torch.cat([fixed[r['nodeId']][r['name']].flatten() for r in refs])
        def f(th):
            ps = {i: dict(p) for i, p in fixed.items()}
            for r, part in zip(refs, torch.split(th, sizes)):
                ps[r['nodeId']][r['name']] = part.reshape(fixed[r['nodeId']][r['name']].shape)
            return evaluate(plan, ps, {i: v.detach() for i, v in values.items()})
        hessian = torch.autograd.functional.hessian(f, theta).flatten()
    return {
        'loss': loss,
        'grads': {k: v for k, v in grads.items() if k not in values},
        'valueGrads': {k: v for k, v in grads.items() if k in values},
        'hessian': hessian,
    }

emit([run_case(c['plan'], c['hessian']) for c in inp['cases']])
`;

/** What torch needs: nodes in the engine's order with their ports' sources, parsed configs, params, values. */
function planOf(graph: Graph) {
  const program = compileGraph(graph);
  // A parameter tensor several nodes use (a shared composite module) is one torch leaf, at its first use.
  const firstUse = new Map<unknown, string>();
  return program.nodes.map((n) => {
    const p = n.frame.params[0];
    const alias = p && firstUse.has(p) ? firstUse.get(p) : undefined;
    n.frame.params.forEach((t) => { if (!firstUse.has(t)) firstUse.set(t, n.id); });
    return {
    id: n.id, kind: n.kind, isLoss: n.def.isLoss, config: n.frame.config, ...(alias ? { alias } : {}),
    inputs: n.inputEdges.map((e) => e.source.id),
    params: Object.fromEntries(n.paramNames.map((name, i) => [name, { shape: n.frame.params[i]!.shape, data: Array.from(n.frame.params[i]!.data) }])),
    value: n.frame.value ? { shape: n.frame.value.shape, data: Array.from(n.frame.value.data) } : null,
    // a formula as the PyTorch export writes it; torch's autograd differentiates it
    ...(n.kind === 'formula' ? { python: pythonOf(n.frame.config as FormulaConfig) } : {}),
    };
  });
}

function pythonOf(c: FormulaConfig): string {
  return formulaPython(compileFormula(c.expression, c.inputs).tree, c.inputs.map((_, i) => `v${i}`));
}

export interface TorchGraphCase {
  readonly graph: Graph;
  /** Parameters whose Hessian torch computes, in this order. */
  readonly hessianOf?: readonly ParamRef[];
}

/** Every case in one Python process (torch takes a second to start); skips the test without torch. */
export function torchGraphs(ctx: TestContext, cases: readonly TorchGraphCase[]): TorchGraphResult[] {
  const input = { cases: cases.map((c) => ({ plan: planOf(c.graph), hessian: c.hessianOf ?? [] })) };
  return runTorchScript<TorchGraphResult[]>(requireTorch(ctx), SCRIPT, input);
}

export function torchGraph(ctx: TestContext, graph: Graph, hessianOf: readonly ParamRef[] = []): TorchGraphResult {
  return torchGraphs(ctx, [{ graph, hessianOf }])[0]!;
}

/** One torch run for the cases of several tests, made on first use; each test skips on its own without torch. */
export function sharedTorchGraphs(cases: () => readonly TorchGraphCase[]): (ctx: TestContext) => TorchGraphResult[] {
  return sharedTorch<TorchGraphResult[]>(SCRIPT, () => ({ cases: cases().map((c) => ({ plan: planOf(c.graph), hessian: c.hessianOf ?? [] })) }));
}
