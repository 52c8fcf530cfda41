// run FILE [--json]: forward + backward; every node's value and gradient, every edge's.
import { toJson, type RunResults } from '../../engine/index.ts';
import { oneFile, parseArgs } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { reportDiagnostics } from '../run-check.ts';
import { loadRunnable, samplesUsage } from '../runnable.ts';
import { num, table, tensorText } from '../table.ts';

export const runUsage = `run FILE ${samplesUsage} [--json]`;

export function runCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['samples'], boolean: ['json'] });
  const file = oneFile(parsed, runUsage);
  const { program } = loadRunnable(io, file, parsed.flags);
  program.run();
  const results = program.results();
  reportDiagnostics(io, file, results.diagnostics);
  if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(resultsJson(results))}\n`);
  else {
    // each composite module's instance after its inner nodes ("n1/fc", "n1/act", then "n1")
    const instances = [...program.instances.values()].filter((i) => results.nodes[i.id]).map((i) => [i.id, `module ${i.module}`] as const);
    io.stdout(humanReport(results, [...program.nodes.map((n) => [n.id, n.kind] as const), ...instances]));
  }
  return EXIT.ok;
}

export function resultsJson(r: RunResults): unknown {
  const nodes = Object.fromEntries(Object.entries(r.nodes).map(([id, n]) => [id, {
    output: toJson(n.output),
    grad: toJson(n.grad),
    params: Object.fromEntries(Object.entries(n.params).map(([name, p]) => [name, { value: toJson(p.value), grad: toJson(p.grad) }])),
  }]));
  const edges = Object.fromEntries(Object.entries(r.edges).map(([id, e]) => [id, { value: toJson(e.value), grad: toJson(e.grad) }]));
  return { loss: r.loss, order: r.order, nodes, edges, diagnostics: r.diagnostics };
}

function humanReport(r: RunResults, kinds: readonly (readonly [string, string])[]): string {
  const rows = kinds.map(([id, kind]) => {
    const n = r.nodes[id]!;
    const params = Object.entries(n.params).map(([name, p]) => `dL/d${name}=${tensorText(p.grad)}`).join('  ');
    return [id, kind, tensorText(n.output), tensorText(n.grad), params];
  });
  const loss = r.loss === null ? 'no loss node: forward pass only' : `loss L = ${num(r.loss)}`;
  return `${loss}\n\n${table(['node', 'kind', 'output', 'dL/d(output)', 'parameter gradients'], rows)}`;
}
