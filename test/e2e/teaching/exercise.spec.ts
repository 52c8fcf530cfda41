// Exercise mode on the lecture example (issue 11.1–11.3): the student types answers with the keyboard
// and clicks Check with the mouse; the step's number stays hidden (panel and canvas) until it is
// answered right or revealed, the hints say how far off a wrong answer is, the score counts, and a
// file with an `exercise` field opens straight into exercise mode. Expected numbers come from the
// engine run in Node on the page's own document (the oracle), never from the page.
import { expect, test, type Page } from '@playwright/test';
import { compileGraph, type RunResults } from '../../../engine/index.ts';
import { openApp, openViaPicker } from '../files/files-helpers.ts';
import { clickAt, getDocument, restPointer, toolbarCommand } from '../helpers.ts';
import { join } from 'node:path';

const fixture = join(import.meta.dirname, 'fixtures', 'lecture-sgd-exercise.bpgraph');
const sig4 = (x: number): string => String(Number(x.toPrecision(4)));

async function oracle(page: Page): Promise<RunResults> {
  const program = compileGraph(await getDocument(page));
  program.run();
  return program.results();
}

/** Step forward with the mouse, once the button says it may (an answered step lets it). */
async function stepForward(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Step forward' });
  await expect(button).toBeEnabled();
  const slider = page.getByRole('slider', { name: 'Step' });
  const before = Number(await slider.inputValue());
  // The panel changes height as questions come and go: a pointer left on the canvas would hover an
  // edge label and open its popover over the controls.
  await restPointer(page);
  await clickAt(page, button);
  await expect(slider).toHaveValue(String(before + 1));
}

/** Types into "Your answer" with the keyboard and clicks Check with the mouse at its coordinates. */
async function answer(page: Page, text: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Your answer' });
  await clickAt(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await clickAt(page, page.getByRole('button', { name: 'Check', exact: true }));
}

test('answering the lecture example: one step right, one wrong twice, hidden until answered, scored', async ({ page }) => {
  await openApp(page);
  const r = await oracle(page);
  await toolbarCommand(page, 'Step');
  await clickAt(page, page.getByRole('button', { name: 'Exercise mode' }));
  await expect(page.getByRole('button', { name: 'Exercise mode' })).toHaveAttribute('aria-pressed', 'true');
  const score = page.getByTestId('exercise-score');
  await expect(score).toHaveText('Score: 0 of 12 answered · 0 correct · 0 revealed');
  // Step 1 is x = 1.5: given, not asked; the student steps on to w1's forward step.
  await expect(page.getByTestId('exercise')).toContainText('This step is shown, not asked.');
  await stepForward(page);
  await expect(page.getByTestId('node-w1')).toHaveClass(/step-current/);
  const equation = page.getByTestId('step-equation');
  await expect(equation).toHaveAttribute('data-hidden', 'true');
  await expect(page.getByTestId('exercise-question')).toHaveAttribute('data-text', 'z₁');
  // The number is hidden on the canvas too, and stepping on waits for the answer.
  await expect(page.getByTestId('edge-label-e-w1-h1')).toHaveText('');
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('node-w1')).toHaveClass(/step-current/);

  const z1 = r.nodes.w1!.output.data[0]!;
  await answer(page, String(z1));
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Correct');
  await expect(equation).toHaveAttribute('data-tex', new RegExp(`= ${sig4(z1)}$`));
  await expect(page.getByTestId('edge-label-e-w1-h1')).toHaveText(sig4(z1));
  await expect(score).toHaveText('Score: 1 of 12 answered · 1 correct · 0 revealed');

  // h1 = σ(z1): the student forgets σ (types z1 back), then misses again; the second try reveals.
  await restPointer(page);
  await stepForward(page);
  await expect(page.getByTestId('node-h1')).toHaveClass(/step-current/);
  await expect(page.getByTestId('exercise-question')).toHaveAttribute('data-text', 'h₁');
  await answer(page, '1.2');
  const verdict = page.getByTestId('exercise-verdict');
  await expect(verdict).toContainText('Not this one: that is z₁, the input; h₁ applies Sigmoid to it.');
  await expect(verdict).toContainText('One more try, or Show.');
  await expect(equation).toHaveAttribute('data-hidden', 'true');
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  const h1 = r.nodes.h1!.output.data[0]!;
  await answer(page, String(-h1));
  await expect(verdict).toContainText('The sign is wrong: the size is right.');
  await expect(verdict).toContainText(`Answer: h₁ = ${sig4(h1)}.`);
  await expect(equation).toHaveAttribute('data-tex', new RegExp(`= ${sig4(h1)}$`));
  await expect(score).toHaveText('Score: 2 of 12 answered · 1 correct · 1 revealed');

  // Backward: ∂L/∂w₂ without the local derivative σ′: the hint names the missing factor. Enter checks too.
  // On to ∂L/∂w₂, revealing what is asked on the way (Show).
  const question = page.getByTestId('exercise-question');
  for (let i = 0; i < 8; i++) {
    await stepForward(page);
    if ((await question.count()) > 0 && (await question.getAttribute('data-text')) === '∂L/∂w₂') break;
    const show = page.getByTestId('exercise').getByRole('button', { name: 'Show', exact: true });
    if (await show.count()) await clickAt(page, show);
  }
  await expect(score).toHaveText('Score: 7 of 12 answered · 1 correct · 6 revealed');
  await expect(question).toHaveAttribute('data-text', '∂L/∂w₂');
  const dLdh2 = r.edges['e-h2-loss']!.grad.data[0]!, local = r.edges['e-w2-h2']!.grad.data[0]! / r.nodes.h2!.grad.data[0]!;
  await clickAt(page, page.getByRole('textbox', { name: 'Your answer' }));
  await page.keyboard.type(String(dLdh2 * r.edges['e-h1-w2']!.value.data[0]!));
  await page.keyboard.press('Enter');
  await expect(verdict).toContainText(`Off by a factor of ${sig4(local)}: a factor ∂h₂/∂z₂ = ${sig4(local)} is missing.`);
  await page.screenshot({ path: 'test-results/exercise-hint.png' });
});

test('a file with an exercise field opens straight into exercise mode and asks the SGD update', async ({ page }) => {
  await openApp(page);
  await openViaPicker(page, fixture);
  await expect(page).toHaveTitle(/lecture-sgd-exercise\.bpgraph/);
  await expect(page.getByRole('button', { name: 'Exercise mode' })).toHaveAttribute('aria-pressed', 'true');
  const r = await oracle(page);
  await expect(page.getByTestId('exercise-score')).toHaveText('Score: 0 of 2 answered · 0 correct · 0 revealed');
  // Jump to end stops at the first question: w2's backward step.
  await clickAt(page, page.getByRole('button', { name: 'Jump to end' }));
  await expect(page.getByTestId('node-w2')).toHaveClass(/step-current/);
  await expect(page.getByTestId('exercise-question')).toHaveAttribute('data-text', 'w₂ after one SGD step with η = 0.5');
  const w2 = r.nodes.w2!.params.W!;
  await answer(page, (w2.value.data[0]! - 0.5 * w2.grad.data[0]!).toPrecision(4));
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Correct');
  await expect(page.getByTestId('exercise-score')).toHaveText('Score: 1 of 2 answered · 1 correct · 0 revealed');
});

test('"Try with new numbers" redraws input and weights as one undoable change and asks the new numbers', async ({ page }) => {
  await openApp(page);
  await toolbarCommand(page, 'Step');
  await clickAt(page, page.getByRole('button', { name: 'Exercise mode' }));
  await stepForward(page);
  await answer(page, '1.2');
  await expect(page.getByTestId('exercise-score')).toHaveText('Score: 1 of 12 answered · 1 correct · 0 revealed');

  await clickAt(page, page.getByRole('button', { name: 'Try with new numbers' }));
  await expect(page.getByTestId('exercise-score')).toHaveText('Score: 0 of 12 answered · 0 correct · 0 revealed');
  await expect(page.getByRole('slider', { name: 'Step' })).toHaveValue('0');
  const drawn = await getDocument(page);
  const x = drawn.nodes.find((n) => n.id === 'x')!.value!.data[0]!, w1 = drawn.nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]!;
  expect([x, w1]).not.toEqual([1.5, 0.8]);
  expect(drawn.exercise).toMatchObject({ seed: 1 });
  // The question is the engine's number for the new document.
  await expect(page.getByTestId('edge-label-e-x-w1')).toHaveText(sig4(x)); // the new document has run
  const r = await oracle(page);
  await stepForward(page);
  await answer(page, r.nodes.w1!.output.data[0]!.toPrecision(3));
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Correct');

  await restPointer(page);
  await toolbarCommand(page, 'Undo');
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'x')!.value!.data[0]).toBe(1.5);
  expect((await getDocument(page)).exercise).toBeUndefined();
});
