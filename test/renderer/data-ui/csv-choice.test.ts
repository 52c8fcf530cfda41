// The CSV dialog's first guesses and its error wording (the line number comes from the engine's parser).
import { expect, it } from 'vitest';
import { importCsv } from '../../../engine/index.ts';
import { guessChoice, importOptions, issueText, predictionWidth, type CsvChoice } from '../../../renderer/data-ui/csv-choice.ts';

it('takes the last column as the target and the others as features', () => {
  expect(guessChoice('x1,x2,label\n0,1,a\n1,0,b\n')).toEqual({ columns: ['x1', 'x2', 'label'], features: ['x1', 'x2'], target: 'label', task: 'classification' });
});

it('reads a target of many distinct numbers as regression, a few as classes', () => {
  const many = 'x,y\n' + Array.from({ length: 20 }, (_, i) => `${i},${i * 0.5}`).join('\n');
  expect(guessChoice(many)).toMatchObject({ task: 'regression' });
  expect(guessChoice('x,y\n1,0\n2,1\n3,0\n')).toMatchObject({ task: 'classification' });
});

it('refuses a file with fewer than two columns', () => {
  expect(guessChoice('only\n1\n2\n')).toMatchObject({ line: 1 });
  expect(guessChoice('')).toMatchObject({ line: 1, message: 'the file is empty' });
});

it('words a bad row with its line and column, and says nothing was imported', () => {
  const r = importCsv('a,b,c\n1,2,x\n1,oops,y\n', { features: ['a', 'b'], targets: ['c'], task: 'classification' });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(issueText(r.issue)).toBe('Line 3, column "b": "oops" is not a number. Nothing was imported.');
});

it('offers one 0/1 column for two classes when the model has one output (issue 10.13)', async () => {
  const text = 'x,label\n0.1,0\n0.5,1\n0.9,1\n0.3,0\n';
  expect(guessChoice(text, 1)).toMatchObject({ task: 'binary' });
  expect(guessChoice(text, 2)).toMatchObject({ task: 'classification' });
  expect(guessChoice('x,kind\n1,red\n2,blue\n3,green\n', 1)).toMatchObject({ task: 'classification' });
  const choice = guessChoice(text, 1) as CsvChoice;
  const r = importCsv(text, importOptions(choice));
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.dataset.labels).toEqual({ shape: [4, 1], data: [0, 1, 1, 0] });
  expect(r.dataset.labelNames).toEqual(['1']);
  expect(r.classes).toEqual(['0', '1']);
  const three = importCsv('x,kind\n1,red\n2,blue\n3,green\n', { features: ['x'], targets: ['kind'], task: 'classification', encoding: 'binary' });
  expect(three).toMatchObject({ ok: false, issue: { message: 'one 0/1 column needs exactly two classes, found 3' } });
  const { lectureGraph } = await import('../math/fixtures.ts');
  expect(predictionWidth(lectureGraph())).toBe(1);
});
