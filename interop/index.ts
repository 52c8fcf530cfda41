// Other formats, both ways: the public surface of interop/ (pure TypeScript over the engine).
export { exportPyTorch } from './pytorch/export.ts';
export { ExportError } from './pytorch/plan.ts';
export { exportFileName, exportFormats, exportFormatIds, isExportFormat, type ExportFormat } from './formats.ts';
