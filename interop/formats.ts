// The formats a graph exports to: what menus call them and how their files are named. Data only (no
// exporter code), so the desktop shell's checks, dialogs and menus can use it cheaply. PyTorch is text,
// ONNX bytes (ExportContent); figures are SVG text or PNG bytes.
export const exportFormats = {
  pytorch: { label: 'PyTorch script', noun: 'a PyTorch script', extension: 'py', mime: 'text/x-python', filterName: 'Python script' },
  onnx: { label: 'ONNX', noun: 'an ONNX model', extension: 'onnx', mime: 'application/octet-stream', filterName: 'ONNX model' },
} as const;

export type ExportFormat = keyof typeof exportFormats;

/** Figures of the graph as shown (interop/figure/): File → Export figure… and `export --to svg|png`. */
export const figureFormats = {
  svg: { label: 'SVG figure', noun: 'an SVG figure', extension: 'svg', mime: 'image/svg+xml', filterName: 'SVG image' },
  png: { label: 'PNG figure', noun: 'a PNG figure', extension: 'png', mime: 'image/png', filterName: 'PNG image' },
} as const;
export type FigureFormat = keyof typeof figureFormats;
export const figureFormatIds = Object.keys(figureFormats) as [FigureFormat, ...FigureFormat[]];

/** Every kind of file an export writes: what the save dialogs and the desktop's export channel accept. */
export const fileFormats = { ...exportFormats, ...figureFormats } as const;
export type FileFormat = keyof typeof fileFormats;
export const fileFormatIds = Object.keys(fileFormats) as [FileFormat, ...FileFormat[]];
export function isFileFormat(value: unknown): value is FileFormat {
  return typeof value === 'string' && Object.hasOwn(fileFormats, value);
}
/** What an exporter makes: text (a script) or bytes (a model). */
export type ExportContent = string | Uint8Array;
export const exportFormatIds = Object.keys(exportFormats) as [ExportFormat, ...ExportFormat[]];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(exportFormats, value);
}

/**
 * The file name an export of document `name` gets: "two-moons.bpgraph" → "two-moons.py". Any folder
 * part, control and reserved characters are dropped, so the name cannot point elsewhere.
 */
export function exportFileName(name: string, format: FileFormat): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const safe = [...last.trim()].map((c) => (c.charCodeAt(0) < 32 || ':*?"<>|'.includes(c) ? '-' : c)).join('').replace(/-+/g, '-');
  const extension = `.${fileFormats[format].extension}`;
  const base = safe.replace(/\.bpgraph$/i, '').replace(new RegExp(`\\${extension}$`, 'i'), '').replace(/^\.+/, '').slice(0, 120) || 'model';
  return `${base}${extension}`;
}
