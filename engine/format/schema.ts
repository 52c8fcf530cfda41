// The .bpgraph file, version 2, as a zod schema. Objects are loose: fields a later version adds
// survive a round trip through this reader. Version 2 adds datasets, node bindings and training settings.
import { z } from 'zod';
import { findModuleCycle, PATH_SEPARATOR } from '../composite/expand.ts';
import { MODULE_KIND } from '../graph/types.ts';
import { quote } from '../text/quote.ts';

export const FILE_FORMAT = 'backprop-studio-graph';
export const FILE_VERSION = 2;
/** Larger files are refused before parsing: no graph a person builds gets near this. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** A dataset (generated or embedded) holds at most this many samples. */
export const MAX_DATASET_ROWS = 100_000;
/** An embedded dataset stores at most this many numbers (features + labels); bigger data stays in its CSV. */
export const MAX_EMBEDDED_VALUES = 1_000_000;
/** Training runs at most this many epochs. */
export const MAX_EPOCHS = 1_000_000;

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const seedSchema = z.number().int().min(0).max(2 ** 32 - 1);

export const tensorSchema = z.object({
  shape: z.array(z.number().int().positive()).min(1).max(2),
  data: z.array(finiteNumber),
}).loose().superRefine((t, ctx) => {
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== n) {
    ctx.addIssue({ code: 'custom', path: ['data'], message: `shape [${t.shape.join(', ')}] needs ${n} numbers, found ${t.data.length}` });
  }
});

/** An input node takes a dataset's features, a target node its labels. */
export const bindingSchema = z.object({
  dataset: z.string().min(1, 'must not be empty'),
  field: z.enum(['features', 'labels']),
}).loose();

export const nodeSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  kind: z.string().min(1, 'must not be empty'),
  name: z.string().min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
  position: z.object({ x: finiteNumber, y: finiteNumber }).loose().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  params: z.record(z.string(), tensorSchema).optional(),
  value: tensorSchema.optional(),
  binding: bindingSchema.optional(),
}).loose();

export const edgeSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  source: z.string().min(1, 'must not be empty'),
  sourcePort: z.string().default('out'),
  target: z.string().min(1, 'must not be empty'),
  targetPort: z.string().min(1, 'must not be empty'),
}).loose();

/** Where a composite module's port lands inside it. */
const portRefSchema = (defaultPort?: string) => z.object({
  node: z.string().min(1, 'must not be empty'),
  port: defaultPort === undefined ? z.string().min(1, 'must not be empty') : z.string().min(1, 'must not be empty').default(defaultPort),
}).loose();

/** A composite module (engine/composite/): stored once, used by nodes of kind "module" with config { module: name }. */
export const moduleDefinitionSchema = z.object({
  inputs: z.record(z.string().min(1), portRefSchema()),
  outputs: z.record(z.string().min(1), portRefSchema('out')),
  shared: z.boolean().default(false),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  params: z.record(z.string(), tensorSchema).optional(),
}).loose().superRefine((m, ctx) => {
  m.nodes.forEach((node, i) => {
    if (node.id.includes(PATH_SEPARATOR)) {
      ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `inner node id ${JSON.stringify(node.id)} contains "${PATH_SEPARATOR}", which separates an instance from its inner nodes ("n1/fc")` });
    }
  });
  if (Object.keys(m.outputs).length === 0) ctx.addIssue({ code: 'custom', path: ['outputs'], message: 'a module needs at least one output' });
});

export const generators = ['xor', 'moons', 'circles', 'spiral', 'blobs', 'sine'] as const;
export type GeneratorName = (typeof generators)[number];

const testFraction = z.number().min(0).max(0.9);

/** Regenerated from its seed on load, so only the recipe is stored. */
export const generatedDatasetSchema = z.object({
  source: z.literal('generated'),
  generator: z.enum(generators),
  seed: seedSchema.default(1),
  size: z.number().int().min(4).max(MAX_DATASET_ROWS).default(200),
  /** Standard deviation of the Gaussian noise; omitted: the generator's default. */
  noise: z.number().min(0).max(10).optional(),
  testFraction: testFraction.default(0.2),
  /** blobs only: number of classes. */
  classes: z.number().int().min(2).max(10).optional(),
  /** Classifiers: one column per class (onehot, when omitted) or one 0/1 column (binary, two classes only). */
  labels: z.enum(['onehot', 'binary']).optional(),
}).loose().superRefine((d, ctx) => {
  if (d.classes !== undefined && d.generator !== 'blobs') {
    ctx.addIssue({ code: 'custom', path: ['classes'], message: `only the blobs generator takes a class count (this one is "${d.generator}")` });
  }
  if (d.labels === 'binary' && d.generator === 'blobs' && (d.classes ?? 3) > 2) {
    ctx.addIssue({ code: 'custom', path: ['labels'], message: `binary labels need two classes; blobs has ${d.classes ?? 3}` });
  }
});

export const bundledDatasets = ['digits', 'iris'] as const;
export type BundledName = (typeof bundledDatasets)[number];

/** A real dataset shipped with the app (engine/data/bundled.ts): only its name and split are stored. */
export const bundledDatasetSchema = z.object({
  source: z.literal('bundled'),
  name: z.enum(bundledDatasets),
  seed: seedSchema.default(1),
  testFraction: testFraction.default(0.2),
}).loose();

/** Stored sample by sample: small imported (CSV) data. */
export const embeddedDatasetSchema = z.object({
  source: z.literal('embedded'),
  task: z.enum(['classification', 'regression']),
  featureNames: z.array(z.string()).min(1),
  /** Classification: the class names, one per one-hot column. Regression: the target column names. */
  labelNames: z.array(z.string()).min(1),
  features: tensorSchema,
  labels: tensorSchema,
  seed: seedSchema.default(1),
  testFraction: testFraction.default(0.2),
}).loose().superRefine((d, ctx) => {
  const [n, f] = d.features.shape, [m, l] = d.labels.shape;
  if (d.features.shape.length !== 2 || f !== d.featureNames.length) {
    ctx.addIssue({ code: 'custom', path: ['features', 'shape'], message: `must be [samples, ${d.featureNames.length}] (one column per feature name), found [${d.features.shape.join(', ')}]` });
  }
  if (d.labels.shape.length !== 2 || l !== d.labelNames.length) {
    ctx.addIssue({ code: 'custom', path: ['labels', 'shape'], message: `must be [samples, ${d.labelNames.length}] (one column per label name), found [${d.labels.shape.join(', ')}]` });
  }
  if (n !== m) ctx.addIssue({ code: 'custom', path: ['labels', 'shape'], message: `has ${m} samples but features has ${n}` });
  if ((n ?? 0) > MAX_DATASET_ROWS) ctx.addIssue({ code: 'custom', path: ['features', 'shape'], message: `${n} samples; at most ${MAX_DATASET_ROWS} can be embedded` });
  if (d.features.data.length + d.labels.data.length > MAX_EMBEDDED_VALUES) {
    ctx.addIssue({ code: 'custom', path: ['features'], message: `${d.features.data.length + d.labels.data.length} numbers; at most ${MAX_EMBEDDED_VALUES} can be embedded` });
  }
  if (d.task === 'classification') {
    const bad = findNonOneHotRow(d.labels.data, l ?? 1);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['labels', 'data'], message: `sample ${bad} is not one-hot (classification labels hold one 1 and 0s)` });
  }
});

function findNonOneHotRow(data: readonly number[], width: number): number {
  for (let i = 0; i * width < data.length; i++) {
    let ones = 0, others = 0;
    for (let j = 0; j < width; j++) {
      const v = data[i * width + j]!;
      if (v === 1) ones++;
      else if (v !== 0) others++;
    }
    if (width === 1 ? others > 0 : ones !== 1 || others > 0) return i;
  }
  return -1;
}

export const datasetSpecSchema = z.discriminatedUnion('source', [generatedDatasetSchema, bundledDatasetSchema, embeddedDatasetSchema]);

export const optimizers = ['sgd', 'adam'] as const;
export type OptimizerName = (typeof optimizers)[number];

/** Saved with the graph so an example trains the same way every time it is opened. */
export const trainingSettingsSchema = z.object({
  optimizer: z.enum(optimizers).default('adam'),
  learningRate: z.number().positive().max(100).default(0.01),
  /** SGD only: v ← μ v + g. */
  momentum: z.number().min(0).max(0.999).default(0),
  beta1: z.number().min(0).max(0.9999).default(0.9),
  beta2: z.number().min(0).max(0.99999).default(0.999),
  epsilon: z.number().positive().max(1).default(1e-8),
  /** L2: λ₂ θ added to every gradient, as `weight_decay` in torch's SGD and Adam. */
  weightDecay: z.number().min(0).max(10).default(0),
  /** L1: λ₁ sign(θ) added to every gradient (the subgradient of λ₁‖θ‖₁, 0 at 0). */
  l1: z.number().min(0).max(10).default(0),
  epochs: z.number().int().positive().max(MAX_EPOCHS).default(100),
  batchSize: z.number().int().positive().max(MAX_DATASET_ROWS).default(32),
  /** Seeds the mini-batch shuffling (parameter initialisation uses the graph's seed). */
  seed: seedSchema.default(1),
}).loose();

export const exerciseAsks = ['all', 'backward', 'nodes', 'updates'] as const;
export type ExerciseAsk = (typeof exerciseAsks)[number];

/**
 * Exercise mode (a teacher's choice, saved with the graph): which steps ask the student for their
 * number, and how close an answer must be. A file carrying it opens in exercise mode.
 */
export const exerciseSchema = z.object({
  /** all steps, backward steps only, the steps of `nodes`, or parameter updates (θ after one SGD step). */
  ask: z.enum(exerciseAsks).default('all'),
  /** ask "nodes": the ids of the nodes whose forward and backward steps ask. */
  nodes: z.array(z.string().min(1, 'must not be empty')).max(1000).optional(),
  /** ask "updates": SGD's learning rate η in θ − η ∂L/∂θ. */
  learningRate: z.number().positive().max(100).default(0.5),
  /** An answer is correct when it is within one unit of this significant digit of the engine's number. */
  digits: z.number().int().min(1).max(12).default(3),
  /** The seed of the last "Try with new numbers" draw (absent: the numbers are the author's). */
  seed: seedSchema.optional(),
}).loose();

export const graphFileSchema = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  name: z.string().default('Untitled'),
  seed: seedSchema.optional(),
  training: trainingSettingsSchema.optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  datasets: z.record(z.string().min(1), datasetSpecSchema).optional(),
  modules: z.record(z.string().min(1), moduleDefinitionSchema).optional(),
  exercise: exerciseSchema.optional(),
}).loose().superRefine((g, ctx) => {
  const loop = findModuleCycle(g.modules);
  if (loop) {
    const used = g.modules![loop[0]!]!.nodes.findIndex((n) => n.kind === MODULE_KIND && n.config?.module === loop[1]);
    ctx.addIssue({ code: 'custom', path: ['modules', loop[0]!, 'nodes', used, 'config', 'module'], message: `modules use each other in a loop: ${loop.map((m) => JSON.stringify(m)).join(' → ')}` });
  }
  const ids = new Set(g.nodes.map((n) => n.id));
  g.exercise?.nodes?.forEach((id, i) => {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['exercise', 'nodes', i], message: `no node ${quote(id)} in this file` });
  });
  g.nodes.forEach((node, i) => {
    if (!node.binding) return;
    if (node.kind !== 'input' && node.kind !== 'target') {
      ctx.addIssue({ code: 'custom', path: ['nodes', i, 'binding'], message: `only input and target nodes can be bound to a dataset; "${node.id}" is a ${node.kind}` });
    }
    if (!g.datasets || !Object.hasOwn(g.datasets, node.binding.dataset)) {
      const known = Object.keys(g.datasets ?? {}).map((k) => `"${k}"`).join(', ') || 'none';
      ctx.addIssue({ code: 'custom', path: ['nodes', i, 'binding', 'dataset'], message: `no dataset "${node.binding.dataset}" in this file (datasets: ${known})` });
    }
  });
});

export type GraphFile = z.infer<typeof graphFileSchema>;
export type ModuleDefinitionFile = z.infer<typeof moduleDefinitionSchema>;
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;
export type GeneratedDatasetSpec = z.infer<typeof generatedDatasetSchema>;
export type EmbeddedDatasetSpec = z.infer<typeof embeddedDatasetSchema>;
export type BundledDatasetSpec = z.infer<typeof bundledDatasetSchema>;
export type DatasetBinding = z.infer<typeof bindingSchema>;
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;
export type ExerciseSettings = z.infer<typeof exerciseSchema>;
