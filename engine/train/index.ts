// Training: the public surface engine/index.ts re-exports.
export {
  createTrainer, Trainer, withParameters,
  type TrainerOptions, type TrainerState, type TrainingProgress, type TrainingChunk, type TrainingFailure,
  type StepRecord, type EpochRecord, type Metrics,
} from './trainer.ts';
export { createOptimizer, type Optimizer } from './optimizers.ts';
export { buildFeed, withDatasetPreview, type DataFeed, type DataSource } from './data-feed.ts';
