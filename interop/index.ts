// Other formats, both ways: the public surface of interop/ (pure TypeScript over the engine).
export { exportPyTorch } from './pytorch/export.ts';
export { ExportError } from './pytorch/plan.ts';
export { exportOnnx, importOnnx, OnnxImportError, IMPORT_ROWS, type OnnxDtype, type OnnxExportOptions } from './onnx/index.ts';
export {
  exportFileName, exportFormats, exportFormatIds, isExportFormat, figureFormats, figureFormatIds, fileFormats, fileFormatIds, isFileFormat,
  type ExportContent, type ExportFormat, type FigureFormat, type FileFormat,
} from './formats.ts';
export { drawFigure, FigureError, MAX_SCALE, MIN_SCALE, type Figure, type FigureBackground, type FigureLabels, type FigureOptions } from './figure/figure.ts';
