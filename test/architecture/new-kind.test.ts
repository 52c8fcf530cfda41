// "A new module kind is one file and one registry line", tested on the source itself: a copy of the
// repository gets engine/modules/square.ts and its entry in registry.ts (an import and a map line),
// and nothing else that describes the kind. Then the type checker must name the one place that
// still has to say how the step-through writes the kind (step-tex.ts, whose map is typed over every
// kind), and once that entry exists, the palette, the file format, the CLI and step mode show it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../..', import.meta.url).pathname;
let copy = '';

const SQUARE_MODULE = `// y = x²;  dx = dy ⊙ 2x
import { activationBase, diagonal, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const squareModule: ModuleDef<EmptyConfig> = {
  ...activationBase, kind: 'square', label: 'Square',
  formula: 'y = x^{2}',
  forward(f) { const x = f.inputs[0]!.data; for (let i = 0; i < x.length; i++) f.out.data[i] = x[i]! * x[i]!; },
  vjp(f) { const gx = f.gradInputs[0], x = f.inputs[0]!.data; if (gx) for (let i = 0; i < x.length; i++) gx.data[i] = f.gradOut.data[i]! * 2 * x[i]!; },
  jacobian: (f, sample) => diagonal(Array.from(sampleRow(f.inputs[0]!, sample), (x) => 2 * x)),
  jvp(f, t) { const x = f.inputs[0]!.data; for (let i = 0; i < x.length; i++) t.out.data[i] = 2 * x[i]! * t.inputs[0]!.data[i]!; },
  vjpTangent(f, t) {
    const dgx = t.gradInputs[0], x = f.inputs[0]!.data;
    if (dgx) for (let i = 0; i < x.length; i++) dgx.data[i] = 2 * (t.gradOut.data[i]! * x[i]! + f.gradOut.data[i]! * t.inputs[0]!.data[i]!);
  },
};
`;

/** x = [1.5, -2] → square → mse against t = [2, 3]; by hand: L = ½Σ(x² − t)², dL/dx = (x² − t)·2x. */
const GRAPH = {
  format: 'backprop-studio-graph', version: 2, name: 'square', seed: 1,
  nodes: [
    { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [1.5, -2] } },
    { id: 'sq', kind: 'square' },
    { id: 't', kind: 'target', config: { size: 2 }, value: { shape: [1, 2], data: [2, 3] } },
    { id: 'loss', kind: 'mse', config: { reduction: 'sum' } },
  ],
  edges: [
    { id: 'e1', source: 'x', sourcePort: 'out', target: 'sq', targetPort: 'in' },
    { id: 'e2', source: 'sq', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
    { id: 'e3', source: 't', sourcePort: 'out', target: 'loss', targetPort: 'target' },
  ],
};
const x = [1.5, -2], t = [2, 3];
const expectedLoss = 0.5 * x.reduce((s, v, i) => s + (v * v - t[i]!) ** 2, 0);
const expectedGrad = x.map((v, i) => (v * v - t[i]!) * 2 * v);

/** What the copy's palette, file reader, CLI and step-through make of the new kind. */
const PROBE = `
import { readFileSync } from 'node:fs';
import { compileGraph, parseGraphFile, serializeGraph } from './engine/index.ts';
import { addNode } from './renderer/model/graph-ops.ts';
import { paletteGroups } from './renderer/panels/palette-groups.ts';
import { buildTimeline } from './renderer/math/step-tex-probe.ts';
const palette = paletteGroups('').map((g) => [g.title, [...g.kinds]]);
const added = addNode({ name: 'g', seed: 0, nodes: [], edges: [] }, 'square', { x: 0, y: 0 }).graph.nodes[0];
const graph = parseGraphFile(readFileSync('graph.bpgraph', 'utf8'));
const again = parseGraphFile(serializeGraph(graph));
const program = compileGraph(graph);
program.run();
const steps = buildTimeline(graph, program.results()).filter((s) => s.nodeId === 'sq').map((s) => s.phase + ': ' + s.tex);
console.log(JSON.stringify({ palette, added, kinds: again.nodes.map((n) => n.kind), steps }));
`;

function typecheck(): { ok: boolean; output: string } {
  const r = spawnSync(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.kind.json'], { cwd: copy, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'bps-new-kind-'));
  // Every tracked source file but the tests and benchmarks (whatever folders the sources use).
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0')
    .filter((f) => f && !/^(test|bench|docs|examples)\//.test(f) && existsSync(join(repo, f)));
  for (const f of files) {
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    cpSync(join(repo, f), join(copy, f));
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  // The one file …
  writeFileSync(join(copy, 'engine/modules/square.ts'), SQUARE_MODULE);
  // … and its line in the registry (with the import it needs).
  const registry = join(copy, 'engine/modules/registry.ts');
  const text = readFileSync(registry, 'utf8');
  writeFileSync(registry, text
    .replace("import { tanhModule } from './tanh.ts';", "import { tanhModule } from './tanh.ts';\nimport { squareModule } from './square.ts';")
    .replace('  tanh: tanhModule,', '  tanh: tanhModule,\n  square: squareModule,'));
  writeFileSync(join(copy, 'graph.bpgraph'), JSON.stringify(GRAPH));
  writeFileSync(join(copy, 'probe.ts'), PROBE);
  // The renderer's step-through, re-exported so the probe runs it outside a browser.
  writeFileSync(join(copy, 'renderer/math/step-tex-probe.ts'), "export { buildTimeline } from './step-timeline.ts';\n");
  // The type check covers the engine, the CLI and the renderer files that take kinds from the registry.
  writeFileSync(join(copy, 'tsconfig.kind.json'), JSON.stringify({
    extends: './tsconfig.base.json',
    compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false, lib: ['DOM', 'DOM.Iterable', 'ES2023'], types: ['node'] },
    include: ['engine/**/*.ts', 'cli/**/*.ts', 'renderer/math/*.ts', 'renderer/model/*.ts', 'renderer/panels/palette-groups.ts'],
    exclude: ['**/*.test.ts'],
  }));
}, 300_000);

afterAll(() => { if (copy) rmSync(copy, { recursive: true, force: true }); });

describe('a new module kind', () => {
  it('fails to type-check only where the step-through must say how to write it', () => {
    const { ok, output } = typecheck();
    expect(ok).toBe(false);
    const errors = output.split('\n').filter((l) => /error TS/.test(l));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((l) => l.startsWith('renderer/math/step-tex.ts'))).toBe(true);
    expect(output).toContain("'square'");
  }, 300_000);

  it('with its step entry, shows up in the palette, the file format, the CLI and step mode', () => {
    const stepTex = join(copy, 'renderer/math/step-tex.ts');
    writeFileSync(stepTex, readFileSync(stepTex, 'utf8').replace('  tanh: activation(', '  square: genericStep,\n  tanh: activation('));
    expect(typecheck()).toEqual({ ok: true, output: '' });

    const tsx = join(repo, 'node_modules/.bin/tsx');
    const probe = JSON.parse(execFileSync(tsx, ['probe.ts'], { cwd: copy, encoding: 'utf8' })) as {
      palette: [string, string[]][]; added: { id: string; kind: string; config: object }; kinds: string[]; steps: string[];
    };
    expect(probe.palette.find(([title]) => title === 'Activations')?.[1]).toContain('square');
    expect(probe.added).toMatchObject({ id: 'square1', kind: 'square', config: {} });
    expect(probe.kinds).toEqual(['input', 'square', 'target', 'mse']);
    expect(probe.steps).toHaveLength(2);
    expect(probe.steps[0]).toMatch(/^forward: \\text\{sq\} = \\operatorname\{Square\}\(x\) = /);
    expect(probe.steps[1]).toMatch(/^backward: /);

    const cli = JSON.parse(execFileSync(tsx, ['cli/main.ts', 'run', 'graph.bpgraph', '--json'], { cwd: copy, encoding: 'utf8' })) as {
      loss: number; edges: Record<string, { grad: { data: number[] } }>;
    };
    expect(cli.loss).toBeCloseTo(expectedLoss, 12);
    cli.edges.e1!.grad.data.forEach((g, i) => expect(g).toBeCloseTo(expectedGrad[i]!, 12));
  }, 300_000);
});
