// The document in another format: one writer per format (a new format is one line here and one in
// interop/formats.ts). FileController.exportDocument saves it (File → Export); the Code panel shows
// the PyTorch text.
import type { Graph } from '../../engine/index.ts';
import { ExportError, exportOnnx, exportPyTorch, type ExportContent, type ExportFormat } from '../../interop/index.ts';
import { stepsLatex } from '../math/step-latex.ts';
import type { Step } from '../math/step-timeline.ts';

/** What an export is made from: the document and, for the equations, the Step timeline of its current run. */
export interface ExportSource {
  readonly graph: Graph;
  /** The steps of the run the canvas shows (null: no valid run yet). */
  readonly steps: readonly Step[] | null;
  /** LaTeX: only this step (the Step panel's "this step"); absent: every step. */
  readonly step?: number;
}

export const exporters: Record<ExportFormat, (source: ExportSource) => ExportContent> = {
  pytorch: ({ graph }) => exportPyTorch(graph),
  onnx: ({ graph }) => exportOnnx(graph),
  latex: ({ graph, steps, step }) => {
    if (!steps || steps.length === 0) throw new ExportError('the graph has no valid run to take the numbers from; fix it so it runs');
    return stepsLatex(graph.name, steps, step);
  },
};

/** The export, or why there is none (the exporter's message, naming the node or field). */
export function exportContent(format: ExportFormat, source: ExportSource): { content: ExportContent } | { error: string } {
  try {
    return { content: exporters[format](source) };
  } catch (e) {
    if (e instanceof ExportError) return { error: e.message };
    throw e;
  }
}

/** The PyTorch script of `graph` (the Code panel), or why there is none. */
export function exportText(graph: Graph): { text: string } | { error: string } {
  try {
    return { text: exportPyTorch(graph) };
  } catch (e) {
    if (e instanceof ExportError) return { error: e.message };
    throw e;
  }
}
