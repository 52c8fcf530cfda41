// Graph → ONNX model (opset 17): the forward graph with the graph inputs named by the data nodes' ids,
// one output per node without consumers (losses included) named by its id, and the parameters as
// initializers "<nodeId>.<param>", with the values the engine starts from (stored, or drawn by
// initialParams). Every node's value is named by its node id, and its ONNX node too. Deterministic.
import { compileGraph, isModuleKind, type CompiledNode, type FormulaConfig, type Graph } from '../../engine/index.ts';
import { FORMULA_PREFIX, formulaFunction } from './formula.ts';
import { ExportError, setUp } from '../pytorch/plan.ts';
import { isLossKind, kindOps, lossFunction, lossFunctionName, type OpCall, type Reduction } from './mapping.ts';
import {
  encodeModel, IR_VERSION, LOSS_DOMAIN, OPSET, PRODUCER, tensorAttr, tensorProto, valueInfo,
  type Dtype, type FunctionProto, type Node, type TensorProto, type ValueInfo,
} from './proto.ts';

export interface OnnxExportOptions {
  /** Element type of inputs, parameters and outputs: float64 (the engine's, the default) or float32. */
  readonly dtype?: Dtype;
  /** Every node's value as a graph output, not only those without consumers (for comparing every node). */
  readonly everyNode?: boolean;
}

/** The batch dimension of every input and output: symbolic, so any batch size runs. */
export const BATCH_DIM = 'batch';

const kindsWithoutOnnx = (graph: Graph): string[] =>
  graph.nodes.filter((n) => isModuleKind(n.kind) && !['input', 'target', 'formula'].includes(n.kind) && !kindOps[n.kind] && !isLossKind(n.kind))
    .map((n) => `node "${n.id}" is a ${n.kind}, which the ONNX export does not handle yet`);

/** The ONNX model of a graph, as bytes; throws ExportError naming the node that cannot be exported. */
export function exportOnnx(graph: Graph, options: OnnxExportOptions = {}): Uint8Array {
  const dtype = options.dtype ?? 'float64';
  const missing = kindsWithoutOnnx(graph);
  if (missing.length > 0) throw new ExportError(missing[0]!);
  const program = setUp(() => compileGraph(graph, { batch: 1 }));
  const docOf = (id: string): string | undefined => graph.nodes.find((n) => n.id === id)?.name;
  const names = new Names();

  const inputs: ValueInfo[] = [], outputs: ValueInfo[] = [], initializers: TensorProto[] = [], nodes: Node[] = [];
  const functions = new Map<string, FunctionProto>();
  for (const n of program.nodes) {
    names.claim(n.id, `node "${n.id}"`);
    if (n.def.family === 'data') {
      inputs.push(valueInfo(n.id, [BATCH_DIM, n.frame.out.shape[1]!], dtype, docOf(n.id)));
      continue;
    }
    const paramKeys = n.paramNames.map((p, i) => {
      const key = names.claim(`${n.id}.${p}`, `parameter ${p} of node "${n.id}"`);
      initializers.push(tensorProto(key, n.frame.params[i]!.shape, n.frame.params[i]!.data, dtype));
      return key;
    });
    const call = callOf(n, dtype, functions);
    const constants = (call.constants ?? []).map((t) => {
      const name = names.claim(`${n.id}/${t.name}`, `the ${t.name} of node "${n.id}"`);
      nodes.push({ name, opType: 'Constant', output: [name], attribute: [tensorAttr('value', { ...t, name: '' })] });
      return name;
    });
    const doc = docOf(n.id);
    nodes.push({
      name: n.id, opType: call.opType, input: [...n.inputEdges.map((e) => e.source.id), ...constants, ...paramKeys], output: [n.id],
      ...(call.domain ? { domain: call.domain } : {}), ...(call.attribute?.length ? { attribute: [...call.attribute] } : {}),
      ...(doc ? { docString: doc } : {}),
    });
    if (options.everyNode || n.outputEdges.length === 0) {
      outputs.push(valueInfo(n.id, n.def.isLoss ? [] : [BATCH_DIM, n.frame.out.shape[1]!], dtype, doc));
    }
  }
  return encodeModel({
    irVersion: IR_VERSION, producerName: PRODUCER, docString: graph.name,
    opsetImport: [{ domain: '', version: OPSET }, ...(functions.size > 0 ? [{ domain: LOSS_DOMAIN, version: 1 }] : [])],
    graph: { name: graph.name, node: nodes, input: inputs, output: outputs, initializer: initializers },
    functions: [...functions.values()],
  });
}

function callOf(n: CompiledNode, dtype: Dtype, functions: Map<string, FunctionProto>): OpCall {
  if (n.kind === 'formula') {
    const { expression, inputs } = n.frame.config as FormulaConfig;
    const name = `${FORMULA_PREFIX}${functions.size + 1}`;
    functions.set(name, formulaFunction(name, expression, inputs, dtype));
    return { opType: name, domain: LOSS_DOMAIN };
  }
  if (isLossKind(n.kind)) {
    const { reduction, delta } = n.frame.config as { reduction: Reduction; delta?: number };
    const name = lossFunctionName(n.kind, reduction);
    if (!functions.has(name)) functions.set(name, lossFunction(n.kind, reduction, dtype));
    // Huber's δ is an attribute of the call (a scalar of the model's dtype), read by the function body.
    const attribute = delta === undefined ? [] : [tensorAttr('delta', tensorProto('', [], [delta], dtype))];
    return { opType: name, domain: LOSS_DOMAIN, attribute };
  }
  // Every kind was checked by kindsWithoutOnnx. A linear layer without bias is a Gemm of two inputs.
  return kindOps[n.kind]!;
}

/** Every value of an ONNX graph has one name: node ids and parameter keys must not collide. */
class Names {
  private readonly owners = new Map<string, string>();
  claim(name: string, owner: string): string {
    const other = this.owners.get(name);
    if (other !== undefined) throw new ExportError(`${owner} and ${other} would both be the ONNX value "${name}"; rename one of the nodes`);
    this.owners.set(name, owner);
    return name;
  }
}
