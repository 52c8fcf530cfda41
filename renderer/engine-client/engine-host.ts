// The worker's side of the protocol: one DocumentRunner answering requests in order. A run's reply
// carries the numbers of the labels on screen (and the layout, with a new program); the program keeps
// every other number until the UI asks for them all or the next run replaces them. The worker and the
// tests' in-process stand-in both answer through it.
import type { Program } from '../../engine/index.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';
import { layoutOfProgram, packLabels, packProgram } from './packed-results.ts';
import { DocumentRunner } from './run-document.ts';

export class EngineHost {
  private readonly runner = new DocumentRunner();
  /** The program generation whose layout the client was last sent. */
  private laidOut = -1;
  /** The last run, whose numbers its program still holds. */
  private last: { readonly id: number; readonly program: Program } | null = null;

  answer(request: EngineRequest): { readonly reply: EngineReply; readonly transfer: Transferable[] } {
    const { id } = request;
    if (request.type === 'full') {
      const data = this.last?.id === id ? packProgram(this.last.program) : null;
      return { reply: { type: 'full', id, data }, transfer: data ? [data.buffer] : [] };
    }
    const outcome = request.type === 'run' ? this.runner.run(request.graph) : this.runner.runNumbers(request.nodes);
    this.last = outcome.type === 'results' ? { id, program: outcome.program } : null;
    if (outcome.type !== 'results') return { reply: { ...outcome, id }, transfer: [] };
    const packed = packLabels(outcome.program, request.labels);
    const fresh = this.laidOut !== this.runner.generation;
    this.laidOut = this.runner.generation;
    const results = fresh ? { ...packed, layout: layoutOfProgram(outcome.program) } : packed;
    return { reply: { type: 'results', id, results, ms: outcome.ms }, transfer: [packed.data.buffer] };
  }
}
