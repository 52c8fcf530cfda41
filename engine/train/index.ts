// Training: the public surface engine/index.ts re-exports.
export { createTrainer, Trainer, type TrainerOptions, type TrainingRates } from './trainer.ts';
export type { TrainerState, TrainingProgress, TrainingChunk, TrainingFailure, StepRecord, EpochRecord, Metrics, ConfusionMatrix, BatchStep } from './records.ts';
export { createOptimizer, type Optimizer } from './optimizers.ts';
export { FLOAT32_GAIN_MULTIPLY_ADDS, Float32Params, float32Refusal, stepMultiplyAdds, type Float32Refusal, type Float32RefusalCode, type Precision } from './float32.ts';
export { predictionOf, decisionThreshold } from './metrics.ts';
export { TimeBudget, type TimeBudgetOptions } from './time-budget.ts';
export { buildFeed, feedTrainSize, withDatasetPreview, withDatasetRows, PREVIEW_SAMPLES, type DataFeed, type DataSource } from './data-feed.ts';
