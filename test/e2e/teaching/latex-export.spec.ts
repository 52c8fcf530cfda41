// The equations as LaTeX (issue 11.7): the Step panel's ".tex" downloads the current step's equation,
// File → Export → Equations (LaTeX)… every step's; the file holds the very TeX the panel renders
// (its data-tex) with the run's numbers, checked against the engine run in Node on the same document.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { compileGraph } from '../../../engine/index.ts';
import { openApp } from '../files/files-helpers.ts';
import { clickAt, getDocument, pickFromMenu, toolbarCommand } from '../helpers.ts';

const sig4 = (x: number): string => String(Number(x.toPrecision(4)));

test('the Step panel exports this step’s equation, File → Export all of them, as .tex', async ({ page }) => {
  await openApp(page);
  const program = compileGraph(await getDocument(page));
  program.run();
  const r = program.results();
  await toolbarCommand(page, 'Step');
  await clickAt(page, page.getByRole('button', { name: 'Step forward' }));
  await clickAt(page, page.getByRole('button', { name: 'Step forward' }));
  await expect(page.getByTestId('node-h1')).toHaveClass(/step-current/);
  const tex = (await page.getByTestId('step-equation').getAttribute('data-tex'))!;
  expect(tex).toContain(`= ${sig4(r.nodes.h1!.output.data[0]!)}`);

  const one = page.waitForEvent('download');
  await clickAt(page, page.getByRole('button', { name: 'Export this step as LaTeX' }));
  expect((await one).suggestedFilename()).toBe('lecture-two-layer.tex');
  const text = readFileSync(await (await one).path(), 'utf8');
  expect(text).toContain(`\\subsection*{Step 3 of 14: Forward: h1 (Sigmoid)}\n\\[\n${tex}\n\\]`);
  expect(text.match(/\\subsection\*/g)).toHaveLength(1);
  expect(text).toContain('\\begin{document}');

  const all = page.waitForEvent('download');
  await pickFromMenu(page, 'Export', /Equations \(LaTeX\)…/);
  const every = readFileSync(await (await all).path(), 'utf8');
  expect(every.match(/\\subsection\*/g)).toHaveLength(14);
  expect(every).toContain(tex);
  expect(every).toContain(`= ${sig4(r.nodes.w1!.params.W!.grad.data[0]!)}`);
});
