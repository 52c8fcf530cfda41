// Datasets, CSV import and the graph's dataset bindings: the public surface engine/index.ts re-exports.
export { buildDataset, datasetSize, datasetWidths, permutation, gatherRows, type Dataset, type DataSplit } from './dataset.ts';
export { generatorInfo, type GeneratorInfo } from './generators.ts';
export { bundledInfo, type BundledInfo } from './bundled.ts';
export { importCsv, csvHeader, splitCsv, type CsvImportOptions, type CsvImportResult, type CsvIssue } from './csv.ts';
export {
  TrainingSetupError, graphDatasets, nodeBinding, trainingSettings, DEFAULT_TRAINING_SETTINGS,
  withTrainingSettings, withDataset, withoutDataset, bindNode,
} from './bindings.ts';
export {
  MAX_DATASET_ROWS, MAX_EMBEDDED_VALUES, MAX_EPOCHS, generators, bundledDatasets, optimizers,
  datasetSpecSchema, bindingSchema, trainingSettingsSchema, exerciseSchema, exerciseAsks,
  type DatasetSpec, type GeneratedDatasetSpec, type EmbeddedDatasetSpec, type BundledDatasetSpec, type BundledName, type DatasetBinding,
  type TrainingSettings, type ExerciseSettings, type ExerciseAsk, type GeneratorName, type OptimizerName,
} from '../format/schema.ts';
