// One compiled program per batch size (the training batch, a last partial batch, evaluation chunks),
// compiled on first use. All alias one parameter store, so none of them is ever synchronised.
import { gatherRows } from '../data/dataset.ts';
import { compileGraph, type CompileOptions, type Program } from '../graph/program.ts';
import type { ParamStore } from '../graph/param-store.ts';
import type { Graph } from '../graph/types.ts';
import type { DataFeed } from './data-feed.ts';

export interface BatchProgram {
  readonly program: Program;
  /** dL/dθ of every parameter, in the order of `program.parameters()`. */
  readonly grads: readonly Float64Array[];
}

export class BatchPrograms {
  private readonly cache = new Map<number, BatchProgram>();

  /** `modules`: implementations to swap in (the float32 path's linear). */
  constructor(private readonly graph: Graph, private readonly feed: DataFeed, readonly params: ParamStore, private readonly modules?: CompileOptions['modules']) {}

  get(batch: number): BatchProgram {
    let entry = this.cache.get(batch);
    if (!entry) {
      const program = compileGraph(this.graph, { batch, params: this.params, dataGradients: false, ...(this.modules ? { modules: this.modules } : {}) });
      entry = { program, grads: program.parameters().map((p) => p.grad.data) };
      this.cache.set(batch, entry);
    }
    return entry;
  }

  /** The program of `rows.length` samples, its data nodes holding those rows of a split. */
  load(rows: ArrayLike<number>, split: 'train' | 'test'): BatchProgram {
    const entry = this.get(rows.length);
    for (const s of this.feed.sources) gatherRows(s[split], s.width, rows, entry.program.node(s.nodeId).frame.value!.data);
    return entry;
  }
}
