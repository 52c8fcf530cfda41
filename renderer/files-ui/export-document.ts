// The document in another format: one writer per format (a new format is one line here and one in
// interop/formats.ts). FileController.exportDocument saves it (File → Export); the Code panel shows
// the PyTorch text.
import type { Graph } from '../../engine/index.ts';
import { ExportError, exportOnnx, exportPyTorch, type ExportContent, type ExportFormat } from '../../interop/index.ts';

export const exporters: Record<ExportFormat, (graph: Graph) => ExportContent> = {
  pytorch: exportPyTorch,
  onnx: (graph) => exportOnnx(graph),
};

/** The export of `graph`, or why there is none (the exporter's message, naming the node or field). */
export function exportContent(format: ExportFormat, graph: Graph): { content: ExportContent } | { error: string } {
  try {
    return { content: exporters[format](graph) };
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
