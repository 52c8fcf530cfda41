// The export trains with torch.optim.SGD and torch.optim.Adam rather than writing the updates out:
// that is only right if they make the engine's updates (engine/train/optimizers.ts). Same parameters,
// same gradients, 30 steps: every parameter agrees after every step to 1e-12.
import { describe, it } from 'vitest';
import { createOptimizer, DEFAULT_TRAINING_SETTINGS, type TrainingSettings } from '../../engine/index.ts';
import { expectClose } from '../engine/support/close.ts';
import { testRng, uniform } from '../engine/support/random.ts';
import { sharedTorch } from '../support/torch.ts';

const STEPS = 30, SIZE = 40;

const SCRIPT = String.raw`
def steps(s, start, grads):
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    if s['optimizer'] == 'adam':
        opt = torch.optim.Adam([w], lr=s['learningRate'], betas=(s['beta1'], s['beta2']), eps=s['epsilon'])
    else:
        opt = torch.optim.SGD([w], lr=s['learningRate'], momentum=s['momentum'])
    after = []
    for g in grads:
        w.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        after.append(w.detach().clone())
    return after
emit([steps(c['settings'], c['start'], c['grads']) for c in inp['cases']])
`;

const cases = ([
  ['SGD', { optimizer: 'sgd', learningRate: 0.3, momentum: 0 }],
  ['SGD with momentum', { optimizer: 'sgd', learningRate: 2, momentum: 0.9 }],
  ['Adam', { optimizer: 'adam', learningRate: 0.01 }],
  ['Adam with other betas and epsilon', { optimizer: 'adam', learningRate: 0.2, beta1: 0.5, beta2: 0.99, epsilon: 1e-3 }],
] as const).map(([name, o]): [string, TrainingSettings] => [name, { ...DEFAULT_TRAINING_SETTINGS, ...o }]);

const rng = testRng(7);
const start = uniform(rng, SIZE);
// Gradients of every size, tiny ones (where Adam's ε matters) and exact zeros among them.
const grads = Array.from({ length: STEPS }, (_, t) => uniform(rng, SIZE).map((g, k) => (k % 7 === 0 ? 0 : g * 10 ** ((k % 5) - 3 - (t % 3)))));
const fromTorch = sharedTorch<number[][][]>(SCRIPT, () => ({ cases: cases.map(([, settings]) => ({ settings, start, grads })) }));

describe('torch.optim against the engine optimisers', () => {
  cases.forEach(([name, settings], i) => {
    it(`${name}: the same parameters after each of ${STEPS} steps, to 1e-12`, (ctx) => {
      const after = fromTorch(ctx)[i]!;
      const w = Float64Array.from(start);
      const opt = createOptimizer(settings, [SIZE]);
      grads.forEach((g, t) => {
        opt.step([w], [Float64Array.from(g)]);
        expectClose(after[t]!, w, 1e-12, `after step ${t + 1}`);
      });
    });
  });
});
