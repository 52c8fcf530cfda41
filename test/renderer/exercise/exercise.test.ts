// Exercise mode's rules (issue 11.1–11.3) on the lecture example: what each setting asks, a try and
// the reveal after a second wrong try or Show, the score, the step limit, new numbers, and the
// `exercise` field of the file (round trip, defaults, a chosen node that does not exist).
import { describe, expect, it } from 'vitest';
import { GraphFileError, parseGraphFile, serializeGraph, type ExerciseSettings, type Graph } from '../../../engine/index.ts';
import {
  attemptMessage, exerciseSettings, questionOf, reveal, scoreOf, stepLimit, submit, withExercise, type Attempt, type Attempts,
} from '../../../renderer/exercise/exercise.ts';
import { nextSeed, withNewNumbers } from '../../../renderer/exercise/new-numbers.ts';
import { buildTimeline, type Step } from '../../../renderer/math/step-timeline.ts';
import { lectureGraph, run } from '../math/fixtures.ts';

const graph = lectureGraph();
const steps = buildTimeline(graph, run(graph));
const at = (phase: Step['phase'], nodeId: string): Step => steps.find((s) => s.phase === phase && s.nodeId === nodeId)!;
const settings = (patch: Partial<ExerciseSettings> = {}): ExerciseSettings => ({ ...exerciseSettings(graph), ...patch });
const asked = (s: ExerciseSettings): string[] => steps.filter((st) => questionOf(st, s)).map((st) => `${st.phase} ${st.nodeId}`);

describe('what is asked', () => {
  it('defaults: every step that computes a number (data nodes are given going forward), 3 digits, η = 0.5', () => {
    expect(exerciseSettings(graph)).toEqual({ ask: 'all', learningRate: 0.5, digits: 3 });
    expect(asked(settings())).toEqual([
      'forward w1', 'forward h1', 'forward w2', 'forward h2', 'forward loss',
      'backward loss', 'backward h2', 'backward w2', 'backward h1', 'backward w1', 'backward y', 'backward x',
    ]);
  });

  it('backward only, chosen nodes', () => {
    expect(asked(settings({ ask: 'backward' }))).toEqual(['backward loss', 'backward h2', 'backward w2', 'backward h1', 'backward w1', 'backward y', 'backward x']);
    expect(asked(settings({ ask: 'nodes', nodes: ['w1', 'h2'] }))).toEqual(['forward w1', 'forward h2', 'backward h2', 'backward w1']);
  });

  it('parameter updates: w₁ after one SGD step with η = 0.5, by the engine’s optimizer', () => {
    const s = settings({ ask: 'updates' });
    expect(asked(s)).toEqual(['backward w2', 'backward w1']);
    const q = questionOf(at('backward', 'w1'), s)!;
    const g = run(graph).nodes.w1!.params.W!.grad.data[0]!;
    expect(q.value).toBe(0.8 - 0.5 * g);
    expect(q.text).toBe('w₁ after one SGD step with η = 0.5');
    const added = submit(undefined, q, String(0.8 + 0.5 * g), 3) as Attempt;
    expect(attemptMessage(added)).toMatch(/SGD steps against the gradient/);
  });
});

describe('tries, reveal and score', () => {
  const s = settings();
  const step = at('backward', 'w2');
  const q = questionOf(step, s)!;

  it('right first time: Correct', () => {
    const a = submit(undefined, q, q.value.toPrecision(3), 3) as Attempt;
    expect(a).toMatchObject({ tries: 1, outcome: 'correct' });
    expect(attemptMessage(a)).toBe('Correct');
  });

  it('wrong once: a hint and no outcome; wrong twice: revealed', () => {
    const once = submit(undefined, q, String(-q.value), 3) as Attempt;
    expect(once).toMatchObject({ tries: 1, outcome: null });
    expect(attemptMessage(once)).toMatch(/sign is wrong/);
    const twice = submit(once, q, '1', 3) as Attempt;
    expect(twice).toMatchObject({ tries: 2, outcome: 'revealed' });
    expect(submit(twice, q, q.value.toPrecision(3), 3)).toBe(twice); // settled
  });

  it('text that is no number is no try', () => {
    expect(submit(undefined, q, 'abc', 3)).toEqual({ unreadable: '"abc" is not a number (write it like -0.0123 or 1.2e-3).' });
  });

  it('the score counts answered, correct and revealed; the limit holds stepping at the first open question', () => {
    const first = steps.findIndex((st) => questionOf(st, s));
    expect(stepLimit(steps, s, new Map())).toBe(first); // forward w1
    const attempts: Attempts = new Map([
      ['forward:w1', submit(undefined, questionOf(steps[first], s)!, questionOf(steps[first], s)!.value.toFixed(4), 3) as Attempt],
      ['forward:h1', reveal(undefined, questionOf(at('forward', 'h1'), s)!)],
    ]);
    expect(scoreOf(steps, s, attempts)).toEqual({ asked: 12, answered: 2, correct: 1, revealed: 1 });
    expect(stepLimit(steps, s, attempts)).toBe(at('forward', 'w2').index);
    // A record made for other numbers does not count.
    const stale: Attempts = new Map([['forward:w1', { ...attempts.get('forward:w1')!, truth: 123 }]]);
    expect(scoreOf(steps, s, stale).answered).toBe(0);
  });
});

describe('the exercise field of the file', () => {
  const withSettings = (g: Graph): Graph => withExercise(g, { ask: 'nodes', nodes: ['w1'], learningRate: 0.25, digits: 4, seed: 3 });

  it('round-trips, and what a later version adds inside it is kept', () => {
    const g = withSettings(graph);
    const text = serializeGraph(g);
    expect(JSON.parse(text).exercise).toEqual({ ask: 'nodes', nodes: ['w1'], learningRate: 0.25, digits: 4, seed: 3 });
    expect(parseGraphFile(text)).toEqual(g);
    const doc = JSON.parse(text);
    doc.exercise.future = { hint: 'x' };
    expect(parseGraphFile(JSON.stringify(doc)).exercise).toMatchObject({ future: { hint: 'x' } });
  });

  it('fills defaults and names a bad field or an unknown node by its path', () => {
    const doc = JSON.parse(serializeGraph(graph));
    doc.exercise = {};
    expect(parseGraphFile(JSON.stringify(doc)).exercise).toEqual({ ask: 'all', learningRate: 0.5, digits: 3 });
    doc.exercise = { ask: 'everything' };
    expect(() => parseGraphFile(JSON.stringify(doc))).toThrow(GraphFileError);
    expect(() => parseGraphFile(JSON.stringify(doc))).toThrow(/^exercise\.ask: /);
    doc.exercise = { ask: 'nodes', nodes: ['w1', 'nope'] };
    expect(() => parseGraphFile(JSON.stringify(doc))).toThrow('exercise.nodes[1]: no node "nope" in this file');
    doc.exercise = { digits: 0 };
    expect(() => parseGraphFile(JSON.stringify(doc))).toThrow(/^exercise\.digits: /);
  });
});

describe('try with new numbers', () => {
  it('re-draws the input and every weight from the seed, keeps the target, and records the seed', () => {
    const results = run(graph);
    const seed = nextSeed(graph);
    expect(seed).toBe(1);
    const a = withNewNumbers(graph, results, seed), b = withNewNumbers(graph, results, seed);
    expect(a).toEqual(b); // the seed decides
    const value = (g: Graph, id: string): number[] => (g.nodes.find((n) => n.id === id)!.value ?? g.nodes.find((n) => n.id === id)!.params!.W!).data;
    expect(value(a, 'x')).not.toEqual([1.5]);
    expect(value(a, 'w1')).not.toEqual([0.8]);
    expect(value(a, 'y')).toEqual([0.25]);
    for (const id of ['x', 'w1', 'w2']) for (const v of value(a, id)) expect(Math.abs(v) >= 0.2 && Math.abs(v) <= 2 && Math.round(v * 10) === v * 10).toBe(true);
    expect(exerciseSettings(a).seed).toBe(1);
    expect(nextSeed(a)).toBe(2);
    expect(withNewNumbers(a, run(a), 2)).not.toEqual(a);
    // the drawn graph runs, and its steps ask its own numbers
    const s2 = buildTimeline(a, run(a));
    expect(s2.find((s) => s.phase === 'forward' && s.nodeId === 'w1')!.answer!.value).toBe(value(a, 'w1')[0]! * value(a, 'x')[0]!);
  });
});
