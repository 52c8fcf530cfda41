// Issue 13.8: weight decay (L2) and L1 regularisation. The penalty's value and gradient by hand, and
// whole training trajectories against torch.optim (SGD, SGD with momentum, Adam, `weight_decay`, and
// L1's subgradient added to .grad): every parameter after every step to 1e-12.
import { describe, expect, it } from 'vitest';
import { createTrainer, type Graph, type TrainingSettings } from '../../engine/index.ts';
import { Penalty } from '../../engine/train/penalty.ts';
import { expectClose } from '../engine/support/close.ts';
import { testRng, uniform } from '../engine/support/random.ts';
import { sharedTorch } from '../support/torch.ts';

describe('the penalty', () => {
  it('is ½λ₂‖θ‖² + λ₁‖θ‖₁, its gradient λ₂θ + λ₁ sign(θ) with 0 at 0', () => {
    const p = new Penalty({ weightDecay: 0.1, l1: 0.01 });
    const w = [Float64Array.from([1, -2, 0]), Float64Array.from([3])];
    expect(p.value(w)).toBeCloseTo(0.05 * 14 + 0.01 * 6, 15);
    const g = [Float64Array.from([1, 1, 1]), Float64Array.from([0])];
    p.addGradient(w, g);
    expectClose(g[0]!, [1 + 0.1 + 0.01, 1 - 0.2 - 0.01, 1], 1e-15);
    expectClose(g[1]!, [0.3 + 0.01], 1e-15);
    expect(new Penalty({ weightDecay: 0, l1: 0 }).value(w)).toBe(0);
  });

  it('training records the penalty of each step and changes the trajectory', () => {
    const plain = createTrainer(regression(), { settings: { optimizer: 'sgd', learningRate: 0.05 } });
    const decayed = createTrainer(regression(), { settings: { optimizer: 'sgd', learningRate: 0.05, weightDecay: 0.5, l1: 0.1 } });
    const a = plain.step()!, b = decayed.step()!;
    expect(a.penalty).toBe(0);
    expect(b.loss).toBe(a.loss); // same start, same data loss
    const theta = regression().nodes.flatMap((n) => Object.values(n.params ?? {}).flatMap((t) => t.data));
    expect(b.penalty).toBeCloseTo(0.25 * theta.reduce((s, v) => s + v * v, 0) + 0.1 * theta.reduce((s, v) => s + Math.abs(v), 0), 14);
    expect(decayed.parameters().fc!.W).not.toEqual(plain.parameters().fc!.W);
  });
});

const N = 12, STEPS = 25;

/** 12 stored samples, x [12, 3] → fc (3→2) → tanh → fc2 (2→1) → mse(sum) and an L1 loss on fc (mean): full batch. */
function regression(): Graph {
  const r = testRng(13);
  return {
    name: 'regression', seed: 3,
    nodes: [
      { id: 'x', kind: 'input', config: { size: 3 }, value: { shape: [N, 3], data: uniform(r, N * 3, -2, 2) } },
      { id: 'fc', kind: 'linear', config: { in: 3, out: 2 }, params: { W: { shape: [2, 3], data: uniform(r, 6) }, b: { shape: [2], data: [0, 0.4] } } },
      { id: 'h', kind: 'tanh' },
      { id: 'fc2', kind: 'linear', config: { in: 2, out: 1 }, params: { W: { shape: [1, 2], data: uniform(r, 2) }, b: { shape: [1], data: uniform(r, 1) } } },
      { id: 'y', kind: 'target', config: { size: 1 }, value: { shape: [N, 1], data: uniform(r, N) } },
      { id: 'z', kind: 'target', config: { size: 2 }, value: { shape: [N, 2], data: uniform(r, N * 2) } },
      { id: 'sq', kind: 'mse', config: { reduction: 'sum' } },
      { id: 'ab', kind: 'l1', config: { reduction: 'mean' } },
    ],
    edges: [
      { id: 'e1', source: 'x', sourcePort: 'out', target: 'fc', targetPort: 'in' },
      { id: 'e2', source: 'fc', sourcePort: 'out', target: 'h', targetPort: 'in' },
      { id: 'e3', source: 'h', sourcePort: 'out', target: 'fc2', targetPort: 'in' },
      { id: 'e4', source: 'fc2', sourcePort: 'out', target: 'sq', targetPort: 'pred' },
      { id: 'e5', source: 'y', sourcePort: 'out', target: 'sq', targetPort: 'target' },
      { id: 'e6', source: 'fc', sourcePort: 'out', target: 'ab', targetPort: 'pred' },
      { id: 'e7', source: 'z', sourcePort: 'out', target: 'ab', targetPort: 'target' },
    ],
  };
}

// The same model in torch, full batch, torch.optim with weight_decay, L1's sign(θ) added to .grad.
const SCRIPT = String.raw`
import torch.nn.functional as F
def t(j): return torch.tensor(j['data'], dtype=torch.float64).reshape(j['shape'])
def run(g, s):
    nodes = {n['id']: n for n in g['nodes']}
    x, y, z = t(nodes['x']['value']), t(nodes['y']['value']), t(nodes['z']['value'])
    ps = [t(nodes['fc']['params']['W']), t(nodes['fc']['params']['b']), t(nodes['fc2']['params']['W']), t(nodes['fc2']['params']['b'])]
    for p in ps: p.requires_grad_()
    W1, b1, W2, b2 = ps
    if s['optimizer'] == 'adam':
        opt = torch.optim.Adam(ps, lr=s['learningRate'], betas=(s['beta1'], s['beta2']), eps=s['epsilon'], weight_decay=s['weightDecay'])
    else:
        opt = torch.optim.SGD(ps, lr=s['learningRate'], momentum=s['momentum'], weight_decay=s['weightDecay'])
    after = []
    for _ in range(inp['steps']):
        a = x @ W1.T + b1
        loss = 0.5 * ((torch.tanh(a) @ W2.T + b2 - y) ** 2).sum() + F.l1_loss(a, z, reduction='sum') / a.shape[0]
        opt.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in ps: p.grad.add_(torch.sign(p), alpha=s['l1'])
        opt.step()
        after.append([p.detach().clone().flatten() for p in ps])
    return after
emit([run(inp['graph'], s) for s in inp['settings']])
`;

const settings: [string, Partial<TrainingSettings>][] = [
  ['SGD, weight decay', { optimizer: 'sgd', learningRate: 0.02, weightDecay: 0.3 }],
  ['SGD, L1', { optimizer: 'sgd', learningRate: 0.02, l1: 0.05 }],
  ['SGD with momentum, both', { optimizer: 'sgd', learningRate: 0.01, momentum: 0.9, weightDecay: 0.1, l1: 0.02 }],
  ['Adam, weight decay', { optimizer: 'adam', learningRate: 0.05, weightDecay: 0.2 }],
  ['Adam, both', { optimizer: 'adam', learningRate: 0.03, weightDecay: 0.05, l1: 0.1 }],
];
const trainers = () => settings.map(([, s]) => createTrainer(regression(), { settings: { ...s, batchSize: N, epochs: STEPS } }));
const oracleInput = () => ({ graph: regression(), steps: STEPS, settings: trainers().map((tr) => tr.settings) });
const oracle = sharedTorch<number[][][][]>(SCRIPT, oracleInput);

describe('training with weight decay and L1 against torch.optim', () => {
  settings.forEach(([name], i) => {
    it(`${name}: every parameter after each of ${STEPS} steps, to 1e-12`, (ctx) => {
      const torch = oracle(ctx)[i]!;
      const trainer = trainers()[i]!;
      for (let step = 0; step < STEPS; step++) {
        expect(trainer.step(), `step ${step + 1}`).not.toBeNull();
        const p = trainer.parameters();
        const engine = [p.fc!.W!, p.fc!.b!, p.fc2!.W!, p.fc2!.b!].map((t) => t.data);
        engine.forEach((w, k) => expectClose(w, torch[step]![k]!, 1e-12, `step ${step + 1}, parameter ${k}`));
      }
    });
  });
});
