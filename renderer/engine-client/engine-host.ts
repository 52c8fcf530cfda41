// The worker's side of the protocol: one DocumentRunner answering requests in order, its results
// packed into one transferable buffer (the layout only with a new program). The worker and the
// tests' in-process stand-in both answer through it.
import type { EngineReply, EngineRequest } from './protocol.ts';
import { packProgram, type ResultsLayout } from './packed-results.ts';
import { DocumentRunner } from './run-document.ts';

export class EngineHost {
  private readonly runner = new DocumentRunner();
  private layout: { readonly generation: number; readonly layout: ResultsLayout } | null = null;

  answer(request: EngineRequest): { readonly reply: EngineReply; readonly transfer: Transferable[] } {
    const { id } = request;
    const outcome = request.type === 'run' ? this.runner.run(request.graph) : this.runner.runNumbers(request.nodes);
    if (outcome.type !== 'results') return { reply: { ...outcome, id }, transfer: [] };
    const known = this.layout?.generation === this.runner.generation ? this.layout.layout : undefined;
    const { layout, ...packed } = packProgram(outcome.program, known);
    this.layout = { generation: this.runner.generation, layout };
    const results = layout === known ? packed : { ...packed, layout };
    return { reply: { type: 'results', id, results, ms: outcome.ms }, transfer: [packed.data.buffer] };
  }
}
