// Python names of nodes: valid, unique identifiers that hide nothing the generated code or nn.Module uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifier, pythonNames } from '../../interop/pytorch/names.ts';
import { torch } from '../support/torch.ts';

describe('identifier', () => {
  it.each([
    ['fc1', 'fc1'], ['hidden layer', 'hidden_layer'], ['2nd', 'node_2nd'], ['σ(x)', 'σ_x'], ['h₁', 'h1'], ['ﬁlter', 'filter'],
    ['  a -- b  ', 'a_b'], ['__init__', 'init'], ['café', 'café'], ['((()))', ''], ['', ''],
  ])('%j → %j', (text, name) => {
    expect(identifier(text)).toBe(name);
  });
});

describe('pythonNames', () => {
  it('takes the display name, falls back to the id, and keeps the first of equal names plain', () => {
    const names = pythonNames([{ id: 'a', name: 'hidden' }, { id: 'b', name: 'hidden' }, { id: 'c' }, { id: '(*)', name: '!!' }, { id: 'e', name: 'hidden_2' }]);
    expect([...names.values()]).toEqual(['hidden', 'hidden_2', 'c', 'node', 'hidden_2_2']);
  });

  it('steps around keywords, what forward uses and nn.Module attributes', () => {
    const names = pythonNames(['class', 'None', 'match', 'self', 'data', 'batch_size', 'total_loss', 'torch', 'F', 'train', 'to', 'forward', 'parameters'].map((id) => ({ id })));
    expect([...names.values()]).toEqual(['class_', 'None_', 'match_', 'self_', 'data_', 'batch_size_', 'total_loss_', 'torch_', 'F_', 'train_', 'to_', 'forward_', 'parameters_']);
  });

  it('gives arbitrary Unicode names that Python accepts as distinct identifiers', (ctx) => {
    const texts = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom('a', '_', '1', ' ', 'ß', 'ﬁ', 'ℌ', '₂', 'σ', '·', '٣'), fc.constantFrom(...'class def x x'.split(' ')), fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 6 }), { numRuns: 400, seed: 12 });
    const names = [...pythonNames(texts.map((name, i) => ({ id: `n${i}`, name }))).values()];
    const bad = torch<string[]>(ctx, String.raw`
import keyword
names = inp['names']
bad = [n for n in names if not n.isidentifier() or keyword.iskeyword(n) or keyword.issoftkeyword(n)]
# Python reads identifiers in NFKC: two names equal after it would be one variable.
import unicodedata
seen = {}
for n in names:
    k = unicodedata.normalize('NFKC', n)
    if k in seen: bad.append(n + ' (same as ' + seen[k] + ')')
    seen[k] = n
emit(bad)
`, { names });
    expect(bad).toEqual([]);
  });
});
