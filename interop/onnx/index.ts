// ONNX both ways: export a graph's forward pass (opset 17) and import models made elsewhere.
export { exportOnnx, BATCH_DIM, type OnnxExportOptions } from './export.ts';
export { importOnnx, OnnxImportError, ROWS as IMPORT_ROWS, type OnnxImportOptions } from './import.ts';
export { lossFunctionName, parseLossFunction, importKinds, kindOps } from './mapping.ts';
export { OPSET, LOSS_DOMAIN, type Dtype as OnnxDtype } from './proto.ts';
