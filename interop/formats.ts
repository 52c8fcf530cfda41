// The formats a graph exports to: what menus call them and how their files are named. Data only, so
// the desktop shell's checks and menus can use it without the exporters.
export const exportFormats = {
  pytorch: { label: 'PyTorch script', extension: 'py', mime: 'text/x-python', filterName: 'Python script' },
} as const;

export type ExportFormat = keyof typeof exportFormats;
export const exportFormatIds = Object.keys(exportFormats) as ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(exportFormats, value);
}
