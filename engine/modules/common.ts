import { z } from 'zod';
import { formatShape, type Shape, type Tensor } from '../tensor.ts';
import { matrix, type Matrix, type ShapeResult } from './types.ts';

/** Parses a config with a zod schema; the error names the offending field. */
export function parseConfig<C>(schema: z.ZodType<C>, raw: Record<string, unknown>): C {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(config)';
  throw new Error(`config.${field}: ${issue.message}`);
}

export const emptyConfig = z.object({}).loose();
export type EmptyConfig = Record<string, never>;

export const positiveInt = z.number().int().positive().max(1_000_000);

export const reductionConfig = z.object({ reduction: z.enum(['sum', 'mean']).default('sum') }).loose();
export type ReductionConfig = { reduction: 'sum' | 'mean' };

/** 1 for `sum`, 1/B for `mean`: the factor every per-sample loss is multiplied with. */
export function reductionScale(config: ReductionConfig, batch: number): number {
  return config.reduction === 'mean' ? 1 / batch : 1;
}

export function isBatchFeatures(shape: Shape): boolean {
  return shape.length === 2;
}

export function sameAsInput(inputShapes: readonly Shape[], port = 'in'): ShapeResult {
  const s = inputShapes[0]!;
  if (!isBatchFeatures(s)) return { code: 'shape-mismatch', port, message: `expects [batch, features], got ${formatShape(s)}` };
  return { shape: s };
}

/** Both ports must carry the same [batch, features] shape (no broadcasting, so mistakes surface). */
export function sameShapes(inputShapes: readonly Shape[], ports: readonly [string, string]): ShapeResult {
  const [a, b] = inputShapes as [Shape, Shape];
  if (!isBatchFeatures(a)) return { code: 'shape-mismatch', port: ports[0], message: `expects [batch, features], got ${formatShape(a)}` };
  if (!isBatchFeatures(b)) return { code: 'shape-mismatch', port: ports[1], message: `expects [batch, features], got ${formatShape(b)}` };
  if (a[0] !== b[0]) {
    return { code: 'batch-mismatch', port: ports[1], message: `batch size ${b[0]} differs from ${ports[0]}'s ${a[0]} (${formatShape(b)} vs ${formatShape(a)})` };
  }
  if (a[1] !== b[1]) {
    return { code: 'shape-mismatch', port: ports[1], message: `shape ${formatShape(b)} does not match ${ports[0]}'s ${formatShape(a)}` };
  }
  return { shape: a };
}

export const scalarShape: Shape = [1];

export function rowsCols(t: Tensor): [number, number] {
  return [t.shape[0]!, t.shape[1]!];
}

/** A square diagonal matrix from one sample row. */
export function diagonal(values: ArrayLike<number>): Matrix {
  const n = values.length;
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = values[i]!;
  return m;
}

/** A 1×F matrix: the gradient of a scalar with respect to one sample row. */
export function rowMatrix(values: ArrayLike<number>): Matrix {
  const m = matrix(1, values.length);
  m.data.set(Array.from(values));
  return m;
}

export function sampleRow(t: Tensor, sample: number): Float64Array {
  const f = t.shape[1]!;
  return t.data.subarray(sample * f, (sample + 1) * f);
}

export function noJacobian(kind: string): never {
  throw new Error(`${kind} has no inputs or parameters to differentiate by`);
}

/** What every parameter-free activation (one input `in`, output of the same shape) shares. */
export const activationBase = {
  family: 'activation', inputs: ['in'], isLoss: false,
  parseConfig: (raw: Record<string, unknown>): EmptyConfig => parseConfig(emptyConfig, raw) as EmptyConfig,
  paramShapes: () => ({}),
  inferShape: (_c: EmptyConfig, shapes: readonly Shape[]): ShapeResult => sameAsInput(shapes),
  describe: () => '',
} as const;

/** What elementwise binary modules (inputs `a` and `b` of one shape) share. */
export const elementwiseBase = {
  family: 'combine', inputs: ['a', 'b'], isLoss: false,
  parseConfig: (raw: Record<string, unknown>): EmptyConfig => parseConfig(emptyConfig, raw) as EmptyConfig,
  paramShapes: () => ({}),
  inferShape: (_c: EmptyConfig, shapes: readonly Shape[]): ShapeResult => sameShapes(shapes, ['a', 'b']),
  describe: () => '',
} as const;
