// The .bpgraph file, version 1, as a zod schema. Objects are loose: fields a later version adds
// survive a round trip through this reader.
import { z } from 'zod';

export const FILE_FORMAT = 'backprop-studio-graph';
export const FILE_VERSION = 1;
/** Larger files are refused before parsing: no graph a person builds gets near this. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

export const tensorSchema = z.object({
  shape: z.array(z.number().int().positive()).min(1).max(2),
  data: z.array(finiteNumber),
}).loose().superRefine((t, ctx) => {
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== n) {
    ctx.addIssue({ code: 'custom', path: ['data'], message: `shape [${t.shape.join(', ')}] needs ${n} numbers, found ${t.data.length}` });
  }
});

export const nodeSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  kind: z.string().min(1, 'must not be empty'),
  position: z.object({ x: finiteNumber, y: finiteNumber }).loose().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  params: z.record(z.string(), tensorSchema).optional(),
  value: tensorSchema.optional(),
}).loose();

export const edgeSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  source: z.string().min(1, 'must not be empty'),
  sourcePort: z.string().default('out'),
  target: z.string().min(1, 'must not be empty'),
  targetPort: z.string().min(1, 'must not be empty'),
}).loose();

export const graphFileSchema = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  name: z.string().default('Untitled'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
}).loose();

export type GraphFile = z.infer<typeof graphFileSchema>;
