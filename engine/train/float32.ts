// The opt-in float32 training path (issue 14.2): the same compiled programs, with `linear` replaced by
// float32-linear.ts, so the products run on the f32x4 kernel and the parameters train as Float32Arrays
// kept here. The parameter store stays the float64 truth for everyone else: `toStore()` widens the
// float32 values into it (exactly), and the trainer calls it whenever it hands control back (after a
// step, a chunk, on pause, stop and before every evaluation), so whatever is inspected or saved is
// float64 and recomputed by the exact path. A graph this path cannot train says why (Float32Refusal)
// and trains on the exact path.
import { quote } from '../text/quote.ts';
import { where } from '../graph/issues.ts';
import type { CompileOptions, Program } from '../graph/program.ts';
import type { Graph } from '../graph/types.ts';
import { expandModules } from '../composite/expand.ts';
import { linearModule } from '../modules/linear.ts';
import { wasmGemmF32, type F32Variant } from '../kernels/wasm-gemm-f32.ts';
import { fastGemmF32 } from '../kernels/gemm-threads.ts';
import type { ModuleDef } from '../modules/types.ts';
import type { Tensor } from '../tensor.ts';
import { float32Linear, type Float32Buffers } from './float32-linear.ts';

export type Precision = 'float64' | 'float32';

export type Float32RefusalCode = 'no-wasm-simd' | 'parameterised-kind' | 'shared-parameter';

/** Why a graph trains on the exact path although float32 was asked for. */
export interface Float32Refusal {
  readonly code: Float32RefusalCode;
  readonly nodeId?: string;
  readonly kind?: string;
  readonly param?: string;
  readonly message: string;
}

export class Float32Params implements Float32Buffers {
  /** The float32 parameters, in the order of `program.parameters()`: what the optimiser steps. */
  readonly owners: readonly { readonly nodeId: string; readonly value: { readonly data: Float32Array } }[];
  /** The compile option that puts a program on this path. */
  readonly modules: CompileOptions['modules'];
  readonly variant: F32Variant;
  private readonly values = new Map<Tensor, Float32Array>();
  private readonly grads = new Map<Tensor, Float32Array>();
  private readonly gradLists = new WeakMap<Program, Float32Array[]>();

  /** The float32 path for the parameters of an exact program (its store), or why not. */
  static create(program: Program): Float32Params | Float32Refusal {
    const refusal = float32Refusal(program);
    if (refusal) return refusal;
    return new Float32Params(program, wasmGemmF32()!.variant);
  }

  private constructor(program: Program, variant: F32Variant) {
    this.variant = variant;
    this.owners = program.parameters().map((p) => {
      const data = Float32Array.from(p.value.data);
      this.values.set(p.value, data);
      return { nodeId: p.nodeId, value: { data } };
    });
    // Two threads where the platform enabled them (enableGemmThreads), else the one-thread kernel.
    this.modules = { linear: float32Linear(this, fastGemmF32(variant)!) as ModuleDef<unknown> };
  }

  value(param: Tensor): Float32Array {
    const v = this.values.get(param);
    if (!v) throw new Error('float32 path: a program compiled against another parameter store');
    return v;
  }

  grad(gradParam: Tensor): Float32Array {
    let g = this.grads.get(gradParam);
    if (!g) this.grads.set(gradParam, (g = new Float32Array(gradParam.data.length)));
    return g;
  }

  /** dL/dθ of every parameter as float32, in the order of `owners`, for a program compiled with `modules`. */
  gradsOf(program: Program): Float32Array[] {
    let list = this.gradLists.get(program);
    if (!list) this.gradLists.set(program, (list = program.parameters().map((p) => this.grad(p.grad))));
    return list;
  }

  /** Writes the float32 values into the store's float64 tensors (widening is exact). */
  toStore(): void {
    for (const [t, v] of this.values) t.data.set(v);
  }
}

/** What gains from float32: steps of about this many multiply-adds or more (issue 14.2). */
export const FLOAT32_GAIN_MULTIPLY_ADDS = 1_000_000;

/**
 * Multiply-adds of one training step of `graph` at `batch` rows: batch × Σ linear in·out (each use of a
 * module's layers), times 3 for the forward product and the backward's two (dx and dW). Only linear
 * counts: its products are what the float32 path speeds up. Read from the configs, which compiling
 * checks against the wiring, so the panel can ask after every edit without compiling on the UI thread
 * (a 10,000-node compile took 1.3 s there). A config that does not parse counts nothing.
 */
export function stepMultiplyAdds(graph: Graph, batch: number): number {
  let perRow = 0;
  for (const n of expandModules(graph).graph.nodes) {
    if (n.kind !== 'linear') continue;
    try {
      const c = linearModule.parseConfig(n.config ?? {});
      perRow += c.in * c.out;
    } catch {
      // the canvas names a bad config at its node; it adds no step
    }
  }
  return 3 * batch * perRow;
}

/** Null when the float32 path can train this program's graph; else the first reason it cannot. */
export function float32Refusal(program: Program): Float32Refusal | null {
  if (!wasmGemmF32()) return { code: 'no-wasm-simd', message: 'float32 training needs WebAssembly SIMD, which this runtime lacks; training in float64' };
  const seen = new Set<Tensor>();
  for (const n of program.nodes) {
    if (n.paramNames.length > 0 && n.kind !== 'linear') {
      return { code: 'parameterised-kind', nodeId: n.id, kind: n.kind, message: `${where(n.id, n.kind)} has parameters the float32 path cannot train; training in float64` };
    }
    for (const [i, p] of n.frame.params.entries()) {
      if (seen.has(p)) {
        const param = n.paramNames[i]!;
        return { code: 'shared-parameter', nodeId: n.id, kind: n.kind, param, message: `${where(n.id, n.kind)} shares parameter ${quote(param)} with another node, which the float32 path does not sum; training in float64` };
      }
      seen.add(p);
    }
  }
  return null;
}
