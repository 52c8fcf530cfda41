// The step-through's equations as a LaTeX document (issue 11.7), for handouts: the current step's
// equation or all of them, each exactly the TeX the Step panel renders (`Step.tex`, from
// step-tex.ts, the one producer of step TeX), with the run's numbers. Needs amsmath and amssymb only.
import { escapeText } from '../../interop/notation/symbols.ts';
import type { Step } from './step-timeline.ts';

/** The .tex file: every step, or only the step at `only`. */
export function stepsLatex(documentName: string, steps: readonly Step[], only?: number): string {
  const chosen = only === undefined ? steps : steps.filter((s) => s.index === only);
  const oneLine = [...documentName].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
  const name = escapeText(oneLine);
  const what = only === undefined ? 'every step' : `step ${only + 1} of ${steps.length}`;
  const body = chosen.map((s) => [
    `\\subsection*{Step ${s.index + 1} of ${steps.length}: ${escapeText(s.title)}}`,
    '\\[',
    s.tex,
    '\\]',
  ].join('\n'));
  return [
    `% Backprop Studio: the chain-rule equations of "${oneLine}", ${what}, with the run's numbers`,
    '% (the TeX its Step panel renders). Compile with pdflatex or lualatex.',
    '\\documentclass{article}',
    '\\usepackage{amsmath,amssymb}',
    '\\begin{document}',
    `\\section*{${name}}`,
    ...body,
    '\\end{document}',
    '',
  ].join('\n');
}
