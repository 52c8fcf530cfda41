// The document in another format, as text: one writer per format (a new format is one line here and
// one in interop/formats.ts). FileController.exportDocument saves it (File → Export); the Code panel shows it.
import type { Graph } from '../../engine/index.ts';
import { ExportError, exportPyTorch, type ExportFormat } from '../../interop/index.ts';

export const exporters: Record<ExportFormat, (graph: Graph) => string> = {
  pytorch: exportPyTorch,
};

/** The export of `graph`, or why there is none (the exporter's message, naming the node or field). */
export function exportText(format: ExportFormat, graph: Graph): { text: string } | { error: string } {
  try {
    return { text: exporters[format](graph) };
  } catch (e) {
    if (e instanceof ExportError) return { error: e.message };
    throw e;
  }
}
