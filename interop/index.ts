// Other formats, both ways: the public surface of interop/ (pure TypeScript over the engine).
export { exportPyTorch } from './pytorch/export.ts';
export { ExportError } from './pytorch/plan.ts';
export { exportOnnx, importOnnx, OnnxImportError, IMPORT_ROWS, type OnnxDtype, type OnnxExportOptions } from './onnx/index.ts';
export { exportFileName, exportFormats, exportFormatIds, isExportFormat, type ExportContent, type ExportFormat } from './formats.ts';
