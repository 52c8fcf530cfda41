// The .tex export of Step mode's equations (issue 11.7): the same TeX the panel renders (Step.tex, no
// second producer), one step or all, in a document LaTeX compiles; names are escaped for text mode.
import { describe, expect, it } from 'vitest';
import { exportContent } from '../../../renderer/files-ui/export-document.ts';
import { stepsLatex } from '../../../renderer/math/step-latex.ts';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { lectureGraph, run } from './fixtures.ts';

const graph = lectureGraph();
const steps = buildTimeline(graph, run(graph));

describe('stepsLatex', () => {
  it('writes every step’s TeX verbatim, each in display math under its title', () => {
    const tex = stepsLatex(graph.name, steps);
    expect(tex.startsWith('% Backprop Studio')).toBe(true);
    expect(tex).toContain('\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n\\section*{Lecture: two sigmoid layers}');
    for (const s of steps) expect(tex).toContain(`\\subsection*{Step ${s.index + 1} of ${steps.length}: ${s.title}}\n\\[\n${s.tex}\n\\]`);
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
  });

  it('one step: only its equation, with its numbers', () => {
    const i = steps.findIndex((s) => s.phase === 'backward' && s.nodeId === 'w2');
    const tex = stepsLatex(graph.name, steps, i);
    expect(tex).toContain(steps[i]!.tex);
    expect(tex).toContain('= 0.005398'); // ∂L/∂w₂ of the slide
    expect(tex.match(/\\subsection\*/g)).toHaveLength(1);
    expect(tex).toContain(`step ${i + 1} of ${steps.length}`);
  });

  it('escapes names for text mode', () => {
    const tex = stepsLatex('50% of a_b & {c}', steps, 0);
    expect(tex).toContain('\\section*{50\\% of a\\_b \\& \\{c\\}}');
  });

  it('the export refuses without a valid run, saying why', () => {
    expect(exportContent('latex', { graph, steps: null })).toEqual({ error: 'the graph has no valid run to take the numbers from; fix it so it runs' });
    expect(exportContent('latex', { graph, steps, step: 2 })).toEqual({ content: stepsLatex(graph.name, steps, 2) });
  });
});
