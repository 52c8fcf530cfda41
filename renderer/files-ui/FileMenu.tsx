// The toolbar's File menu: New, Open…, Save, Save As… (shortcuts in browser mode: Ctrl+N/O/S/Shift+S), Import ONNX…,
// Export figure…, Copy link and Open link… (FileDialogs.tsx).
import { Menu, type MenuEntry } from '../layout/Menu.tsx';
import { useServices } from '../services.tsx';
import { useIsDirty } from './useDocumentFiles.ts';
import { openFileDialog } from './file-state.ts';

export function FileMenu() {
  const controller = useServices().files;
  const dirty = useIsDirty();
  const entries: MenuEntry[] = [
    { id: 'new', label: 'New', hint: 'Ctrl+N', keys: 'Control+N', title: 'New document', onSelect: () => void controller.newDocument() },
    { id: 'open', label: 'Open…', hint: 'Ctrl+O', keys: 'Control+O', title: 'Open a .bpgraph file', onSelect: () => void controller.openDocument() },
    { id: 'save', label: 'Save', hint: 'Ctrl+S', keys: 'Control+S', title: dirty ? 'Save — unsaved changes' : 'Save', onSelect: () => void controller.saveDocument(false) },
    { id: 'save-as', label: 'Save As…', hint: 'Ctrl+Shift+S', keys: 'Control+Shift+S', title: 'Save under a new name', onSelect: () => void controller.saveDocument(true) },
    { id: 'import-onnx', label: 'Import ONNX…', title: 'Import an ONNX model as a new document', onSelect: () => void controller.importOnnxDocument() },
    { id: 'export-figure', label: 'Export figure…', title: 'The canvas as an SVG or PNG figure (names, values, gradients, the current step)', onSelect: () => openFileDialog('figure') },
    { id: 'copy-link', label: 'Copy link', title: 'A link that holds the whole document (nothing is uploaded)', onSelect: () => openFileDialog('link') },
    { id: 'open-link', label: 'Open link…', title: 'Open a document from a link made with Copy link', onSelect: () => openFileDialog('open-link') },
  ];
  return <Menu label={dirty ? 'File •' : 'File'} ariaLabel="File" title={dirty ? 'File — unsaved changes' : 'File'} testId="menu-file" entries={entries} />;
}
