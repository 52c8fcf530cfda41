// The toolbar's file group: New, Open…, Save, Save As… (shortcuts in browser mode: Ctrl+N/O/S/Shift+S), Export, Import ONNX….
import { useServices } from '../services.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { useIsDirty } from './useDocumentFiles.ts';

export function FileMenu() {
  const controller = useServices().files;
  const dirty = useIsDirty();
  return (
    <span className="bps-file-menu" role="group" aria-label="File">
      <button type="button" title="New document (Ctrl+N)" onClick={() => void controller.newDocument()}>New</button>
      <button type="button" title="Open a .bpgraph file (Ctrl+O)" onClick={() => void controller.openDocument()}>Open…</button>
      <button type="button" title={dirty ? 'Save (Ctrl+S) — unsaved changes' : 'Save (Ctrl+S)'} onClick={() => void controller.saveDocument(false)}>Save</button>
      <button type="button" title="Save under a new name (Ctrl+Shift+S)" onClick={() => void controller.saveDocument(true)}>Save As…</button>
      <ExportMenu />
      <button type="button" title="Import an ONNX model as a new document" onClick={() => void controller.importOnnxDocument()}>Import ONNX…</button>
    </span>
  );
}
