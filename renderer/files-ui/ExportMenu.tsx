// The toolbar's Export menu: one item per format (the text from export-document.ts, through the file layer).
import { exportFormatIds, exportFormats } from '../../interop/index.ts';
import { Menu, type MenuEntry } from '../layout/Menu.tsx';
import { useServices } from '../services.tsx';

export function ExportMenu() {
  const { files } = useServices();
  const entries: MenuEntry[] = exportFormatIds.map((format) => ({
    id: format,
    label: `${exportFormats[format].label}…`,
    hint: `.${exportFormats[format].extension}`,
    onSelect: () => void files.exportDocument(format),
  }));
  return <Menu label="Export" title="Export the graph to another format" testId="menu-export" entries={entries} />;
}
