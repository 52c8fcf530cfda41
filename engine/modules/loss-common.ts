import { parseConfig, reductionConfig, reductionScale, sameShapes, scalarShape, type ReductionConfig } from './common.ts';
import type { Shape } from '../tensor.ts';
import type { NodeFrame, ShapeResult } from './types.ts';

export const parseReduction = (raw: Record<string, unknown>): ReductionConfig => parseConfig(reductionConfig, raw);

/** A loss compares two [batch, features] tensors of equal shape and emits one number. */
export function lossShape(shapes: readonly Shape[], ports: readonly [string, string]): ShapeResult {
  const both = sameShapes(shapes, ports);
  return 'shape' in both ? { shape: scalarShape } : both;
}

/** Batch, features and the reduction factor r (1 or 1/B) of a loss frame. */
export function lossDims(f: NodeFrame<ReductionConfig>): [number, number, number] {
  const B = f.inputs[0]!.shape[0]!, F = f.inputs[0]!.shape[1]!;
  return [B, F, reductionScale(f.config, B)];
}

export const describeReduction = (c: ReductionConfig): string => c.reduction;

/** What every loss shares: two ports of one shape, a reduction, no parameters, a scalar output. */
export function lossBase(ports: readonly [string, string]) {
  return {
    family: 'loss', inputs: ports, isLoss: true,
    parseConfig: parseReduction,
    configSchema: reductionConfig,
    paramShapes: () => ({}),
    inferShape: (_c: ReductionConfig, shapes: readonly Shape[]): ShapeResult => lossShape(shapes, ports),
    describe: describeReduction,
  } as const;
}
