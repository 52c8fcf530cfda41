// y = [a | b] along features;  da = dy[:, :Fa],  db = dy[:, Fa:]
import { formatShape } from '../tensor.ts';
import { emptyConfig, isBatchFeatures, parseConfig, type EmptyConfig } from './common.ts';
import { matrix, type ModuleDef, type NodeFrame, type TangentFrame } from './types.ts';

function split(y: Float64Array, a: Float64Array | null, b: Float64Array | null, B: number, Fa: number, Fb: number): void {
  const F = Fa + Fb;
  for (let i = 0; i < B; i++) {
    if (a) a.set(y.subarray(i * F, i * F + Fa), i * Fa);
    if (b) b.set(y.subarray(i * F + Fa, (i + 1) * F), i * Fb);
  }
}

function join(a: Float64Array, b: Float64Array, y: Float64Array, B: number, Fa: number, Fb: number): void {
  const F = Fa + Fb;
  for (let i = 0; i < B; i++) {
    y.set(a.subarray(i * Fa, (i + 1) * Fa), i * F);
    y.set(b.subarray(i * Fb, (i + 1) * Fb), i * F + Fa);
  }
}

const dims = (f: NodeFrame<unknown>): [number, number, number] =>
  [f.inputs[0]!.shape[0]!, f.inputs[0]!.shape[1]!, f.inputs[1]!.shape[1]!];

export const concatModule: ModuleDef<EmptyConfig> = {
  kind: 'concat', label: 'Concat', family: 'combine', inputs: ['a', 'b'], isLoss: false,
  formula: 'y = [\\,a \\mid b\\,]',
  parseConfig: (raw) => parseConfig(emptyConfig, raw) as EmptyConfig,
  paramShapes: () => ({}),
  inferShape(_c, [a, b]) {
    if (!isBatchFeatures(a!)) return { code: 'shape-mismatch', port: 'a', message: `expects [batch, features], got ${formatShape(a!)}` };
    if (!isBatchFeatures(b!)) return { code: 'shape-mismatch', port: 'b', message: `expects [batch, features], got ${formatShape(b!)}` };
    if (a![0] !== b![0]) return { code: 'batch-mismatch', port: 'b', message: `batch size ${b![0]} differs from a's ${a![0]} (${formatShape(b!)} vs ${formatShape(a!)})` };
    return { shape: [a![0]!, a![1]! + b![1]!] };
  },
  describe: () => '',
  forward(f) {
    const [B, Fa, Fb] = dims(f);
    join(f.inputs[0]!.data, f.inputs[1]!.data, f.out.data, B, Fa, Fb);
  },
  vjp(f) {
    const [B, Fa, Fb] = dims(f);
    split(f.gradOut.data, f.gradInputs[0]?.data ?? null, f.gradInputs[1]?.data ?? null, B, Fa, Fb);
  },
  jacobian(f, _sample, target) {
    const [, Fa, Fb] = dims(f);
    const first = 'input' in target && target.input === 0;
    const cols = first ? Fa : Fb, offset = first ? 0 : Fa;
    const J = matrix(Fa + Fb, cols);
    for (let j = 0; j < cols; j++) J.data[(offset + j) * cols + j] = 1;
    return J;
  },
  jvp(f, t: TangentFrame) {
    const [B, Fa, Fb] = dims(f);
    join(t.inputs[0]!.data, t.inputs[1]!.data, t.out.data, B, Fa, Fb);
  },
  vjpTangent(f, t) {
    const [B, Fa, Fb] = dims(f);
    split(t.gradOut.data, t.gradInputs[0]?.data ?? null, t.gradInputs[1]?.data ?? null, B, Fa, Fb);
  },
};
