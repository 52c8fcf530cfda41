// CSV import is all or nothing: a good file becomes a complete embedded dataset, a broken one an
// issue naming its line (and column) with no dataset at all.
import { describe, expect, it } from 'vitest';
import { buildDataset, csvHeader, importCsv, type CsvImportOptions } from '../../engine/index.ts';

const iris = [
  'sepal length,sepal width,"species, common name"',
  '5.1,3.5,setosa',
  '7.0,3.2,versicolor',
  '6.3,3.3,"virginica"',
  '4.9,3.0,setosa',
  '',
].join('\r\n');
const classify: CsvImportOptions = { features: ['sepal length', 'sepal width'], targets: ['species, common name'], task: 'classification' };

describe('good files', () => {
  it('reads the header, including a quoted name with a comma', () => {
    expect(csvHeader(iris)).toEqual(['sepal length', 'sepal width', 'species, common name']);
  });

  it('one-hot encodes class labels in sorted order and keeps the chosen feature columns', () => {
    const r = importCsv(iris, classify);
    if (!r.ok) throw new Error(r.issue.message);
    expect(r.rows).toBe(4);
    expect(r.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(r.dataset.features).toEqual({ shape: [4, 2], data: [5.1, 3.5, 7.0, 3.2, 6.3, 3.3, 4.9, 3.0] });
    expect(r.dataset.labels).toEqual({ shape: [4, 3], data: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0] });
  });

  it('imports numeric targets for regression, in the chosen column order', () => {
    const r = importCsv('x,y,z\n1,2,3\n4,5,6\n', { features: ['z', 'x'], targets: ['y'], task: 'regression' });
    if (!r.ok) throw new Error(r.issue.message);
    expect(r.dataset.features.data).toEqual([3, 1, 6, 4]);
    expect(r.dataset.labels).toEqual({ shape: [2, 1], data: [2, 5] });
    expect(r.dataset.labelNames).toEqual(['y']);
  });

  it('orders numeric class labels numerically, and the result builds a dataset', () => {
    const r = importCsv('a,c\n1,10\n2,2\n3,10\n4,2\n5,10\n', { features: ['a'], targets: ['c'], task: 'classification', testFraction: 0.4 });
    if (!r.ok) throw new Error(r.issue.message);
    expect(r.classes).toEqual(['2', '10']);
    const d = buildDataset(r.dataset);
    expect([d.train.size, d.test.size]).toEqual([3, 2]);
  });
});

describe('broken files', () => {
  it.each([
    ['a word among numbers', 'a,b,c\n1,2,x\n3,oops,y\n', { line: 3, column: 'b' }, /"oops" is not a number/],
    ['a short row', 'a,b,c\n1,2,x\n\n3,4\n', { line: 4 }, /2 fields, but the header has 3/],
    ['an empty number', 'a,b,c\n1,,x\n', { line: 2, column: 'b' }, /empty field/],
    ['Infinity', 'a,b,c\n1,Infinity,x\n', { line: 2, column: 'b' }, /not a number/],
    ['a missing class label', 'a,b,c\n1,2,x\n3,4,\n', { line: 3, column: 'c' }, /empty class label/],
    ['an unclosed quote', 'a,b,c\n1,2,x\n3,4,"y\n5,6,z\n', { line: 3 }, /never closed/],
    ['a duplicate column', 'a,b,a\n1,2,3\n', { line: 1, column: 'a' }, /twice/],
    ['a single class', 'a,b,c\n1,2,x\n3,4,x\n', { line: 2, column: 'c' }, /at least two/],
    ['no data rows', 'a,b,c\n', { line: 2 }, /no data rows/],
  ])('%s is reported with its line and nothing is imported', (_what, text, where, message) => {
    const r = importCsv(text, { features: ['a', 'b'], targets: ['c'], task: 'classification' });
    expect(r.ok).toBe(false);
    expect('dataset' in r).toBe(false);
    if (r.ok) return;
    expect(r.issue).toMatchObject(where);
    expect(r.issue.message).toMatch(message);
  });

  it('names an unknown column and lists the real ones', () => {
    const r = importCsv(iris, { ...classify, features: ['petal length'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.message).toContain('no column "petal length" (columns: "sepal length", "sepal width", "species, common name")');
  });

  it('refuses a column used as both feature and target', () => {
    const r = importCsv(iris, { ...classify, features: ['sepal length', 'species, common name'] });
    expect(r.ok).toBe(false);
  });
});
