// What a training step reports: the per-sample loss and, for classifiers, how many samples are right.
import type { Program } from '../graph/program.ts';

/** Σ over loss nodes of the per-sample loss: a `mean` loss is already per sample, a `sum` one is divided by the batch. */
export function meanLoss(p: Program): number {
  let s = 0;
  for (const n of p.lossNodes) {
    const out = n.frame.out.data[0]!;
    s += (n.frame.config as { reduction?: string }).reduction === 'mean' ? out : out / p.batch;
  }
  return s;
}

/** The node feeding the prediction port of the loss whose target is the labels node. */
export function predictionOf(p: Program, labelsNodeId: string | null): string | null {
  if (!labelsNodeId) return null;
  const loss = p.lossNodes.find((n) => n.inputEdges[1]?.source.id === labelsNodeId);
  const pred = loss?.inputEdges[0]?.source;
  const labels = p.node(labelsNodeId);
  if (!pred || pred.frame.out.shape[1] !== labels.frame.out.shape[1]) return null;
  return pred.id;
}

/** Where a one-column prediction changes class: 0.5 for a probability, 0 for a logit (bce_logits). */
export function decisionThreshold(p: Program, predId: string): number {
  const loss = p.lossNodes.find((n) => n.inputEdges[0]?.source.id === predId);
  return loss?.def.prediction === 'logit' ? 0 : 0.5;
}

/** One column: prediction above its threshold matches label > 0.5. Several: the arg-max columns agree. */
export function countCorrect(p: Program, predId: string, labelsId: string): number {
  const pred = p.node(predId).frame.out, labels = p.node(labelsId).frame.out;
  const [B, F] = [pred.shape[0]!, pred.shape[1]!];
  const threshold = decisionThreshold(p, predId);
  let correct = 0;
  for (let i = 0; i < B; i++) {
    if (F === 1) {
      if ((pred.data[i]! > threshold) === (labels.data[i]! > 0.5)) correct++;
      continue;
    }
    if (argmax(pred.data, i * F, F) === argmax(labels.data, i * F, F)) correct++;
  }
  return correct;
}

function argmax(d: Float64Array, o: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (d[o + j]! > d[o + best]!) best = j;
  return best;
}

/** The class a row of predictions (or one-hot labels) stands for: arg-max, or the threshold for one column. */
export function classesOf(data: Float64Array, rows: number, width: number, threshold: number, into = new Int32Array(rows)): Int32Array {
  for (let i = 0; i < rows; i++) into[i] = width === 1 ? (data[i]! > threshold ? 1 : 0) : argmax(data, i * width, width);
  return into;
}
