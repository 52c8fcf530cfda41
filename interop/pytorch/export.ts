// Graph → one standalone Python file (torch ≥ 1.13, nothing else): a docstring on how to use it, the
// nn.Module, the training loop, and the numbers. Deterministic: the same graph gives the same text.
import type { Graph } from '../../engine/index.ts';
import { modelCode } from './model-code.ts';
import { planExport, type ExportPlan } from './plan.ts';
import { docText, pyString } from './python.ts';
import { trainingCode } from './training-code.ts';
import { valuesCode } from './values-code.ts';

function header(plan: ExportPlan): string[] {
  const key = plan.params[0]?.key;
  const grad = key ? [`    model.bp_params[${pyString(key)}].grad  # dL/d${key.slice(key.lastIndexOf('.') + 1)} of node ${pyString(key.slice(0, key.lastIndexOf('.')))}, as the app shows it`] : [];
  return [
    `r"""${docText(plan.title)}: exported from Backprop Studio.`,
    '',
    'Standalone PyTorch (1.13 or later, nothing else): the graph as an nn.Module, its loss, the optimiser',
    'and the training loop with the file\'s settings; the file\'s numbers are at the end.',
    '',
    '    python3 model.py train [--epochs N] [--out params.json] [--device cpu|cuda] [--dtype float64|float32]',
    '',
    'trains as the app does: in float64 on the CPU the parameters equal the app\'s after every step, to',
    'rounding. From Python:',
    '',
    '    from model import Model',
    '    model = Model(dtype=torch.float64)',
    '    result = model(model.data())  # {"loss": total loss, "outputs": {node id: tensor}}',
    ...(plan.losses.length > 0 ? ['    result["loss"].backward()', ...grad] : []),
    '',
    'On several processes (DistributedDataParallel) each takes every K-th sample of each batch, and DDP',
    'combines the gradients, so the parameters are those of one process:',
    '',
    '    torchrun --standalone --nproc_per_node=4 model.py train                # 4 processes on this machine\'s CPU (gloo)',
    '    torchrun --standalone --nproc_per_node=8 model.py train --device cuda  # one process per GPU (nccl)',
    '',
    'On several machines, run the same command on each, all meeting at one of them (HOST):',
    '',
    '    torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29500 model.py train --device cuda',
    '"""',
    'import argparse',
    'import json',
    'import os',
    '',
    'import torch',
    'import torch.distributed as dist',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from torch.nn.parallel import DistributedDataParallel as DDP',
  ];
}

/** The PyTorch script of a graph; throws ExportError naming what cannot be exported. */
export function exportPyTorch(graph: Graph): string {
  const plan = planExport(graph);
  const sections = [header(plan), modelCode(plan), trainingCode(plan), valuesCode(plan), ['if __name__ == "__main__":', '    main()']];
  return `${sections.map((s) => s.join('\n')).join('\n\n\n')}\n`;
}
