// The nn.Module: layers built in __init__ from the file's parameters, and a forward pass that reads
// like the graph, one line per node in the engine's topological order, named after the node.
import type { ExportPlan, PlanNode } from './plan.ts';
import { pyString, withComments } from './python.ts';

const I2 = '        ';

function shapeNote(n: PlanNode): string {
  return n.isLoss ? '' : `[B, ${n.features}]`;
}

function comment(n: PlanNode, name: string): string {
  const parts = [n.code.math, shapeNote(n), name !== n.id ? `node ${pyString(n.id)}` : ''].filter((p) => p !== '');
  return parts.join(', ');
}

export function modelCode(plan: ExportPlan): string[] {
  const layers = plan.nodes.filter((n) => n.layer);
  const firstData = plan.nodes.find((n) => n.isData);
  const anyMean = plan.losses.some((n) => n.reduction === 'mean');

  const init = withComments(layers.map((n) => ({ code: `${I2}self.${n.name} = ${n.layer!.construct}`, comment: n.name !== n.id ? `node ${pyString(n.id)}` : '' })));
  const keys = plan.params.map((p) => `${I2}    ${pyString(p.key)}: self.${p.attr},`);

  const body = withComments(plan.nodes.map((n) => ({ code: `${I2}${n.name} = ${n.code.expr}`, comment: comment(n, n.name) })));
  const total = plan.losses.length === 0 ? 'None' : plan.losses.map((n) => n.name).join(' + ');
  const outputs = plan.nodes.map((n) => `${I2}    ${pyString(n.id)}: ${n.name},`);

  return [
    'class Model(nn.Module):',
    `    """${plan.losses.length > 0 ? 'The graph as a PyTorch module: forward returns the total loss and every node\'s output.' : 'The graph as a PyTorch module: forward returns every node\'s output (the graph has no loss).'}`,
    '',
    '    Model(dtype) starts from the parameters of the file, so it computes exactly what the app shows.',
    '    bp_params names every parameter as the app does ("<node id>.<name>"); data() gives the data.',
    '    """',
    '',
    '    def __init__(self, dtype=torch.float64):',
    '        super().__init__()',
    '        self.dtype = dtype',
    ...(init.length > 0 ? ['        # One layer per node with parameters, named after the node (values set below).', ...init] : []),
    '        # Every parameter under its name in the app: "<node id>.<parameter>".',
    '        self.bp_params = {',
    ...keys,
    '        }',
    '        with torch.no_grad():',
    '            for key, param in self.bp_params.items():',
    '                param.copy_(torch.tensor(PARAMS[key]["data"], dtype=dtype).reshape(PARAMS[key]["shape"]))',
    '',
    '    def data(self, split="train"):',
    '        """The data nodes\' tensors by node id: the file\'s values, or its dataset\'s "train" or "test" split."""',
    '        device = next(self.parameters()).device if self.bp_params else None',
    '        return {',
    '            node: torch.tensor(value["data"], dtype=self.dtype, device=device).reshape(value["shape"])',
    '            for node, value in DATA[split].items()',
    '        }',
    '',
    '    def forward(self, data, batch_size=None):',
    `        """data: {node id: [B, features] tensor}.${anyMean ? ' Mean losses divide by batch_size (default B; under DDP, the whole batch\'s).' : ''}"""`,
    ...(anyMean && firstData ? [`        if batch_size is None:`, `            batch_size = len(data[${pyString(firstData.id)}])`] : []),
    ...body,
    `        return {"loss": ${total}, "outputs": {`,
    ...outputs,
    '        }}',
  ];
}
