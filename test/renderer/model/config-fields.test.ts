// The inspector's config form comes from each module's own schema, not from checks of its kind.
import { describe, expect, it } from 'vitest';
import { initSchemes, moduleKinds, moduleOf } from '../../../engine/index.ts';
import { configFields } from '../../../renderer/model/config-fields.ts';

describe('configFields', () => {
  it('reads the fields, their types and their choices from the schema', () => {
    expect(configFields('linear')).toEqual([
      { key: 'in', type: 'int' }, { key: 'out', type: 'int' }, { key: 'bias', type: 'boolean' }, { key: 'init', type: 'choice', options: [...initSchemes] },
    ]);
    expect(configFields('input')).toEqual([{ key: 'size', type: 'int' }]);
    expect(configFields('softmax_ce')).toEqual([{ key: 'reduction', type: 'choice', options: ['sum', 'mean'] }]);
    expect(configFields('tanh')).toEqual([]);
    expect(configFields('huber')).toEqual([{ key: 'reduction', type: 'choice', options: ['sum', 'mean'] }, { key: 'delta', type: 'number' }]);
    expect(configFields('formula')).toEqual([{ key: 'expression', type: 'text' }, { key: 'inputs', type: 'names' }]);
    expect(configFields('no-such-kind')).toEqual([]);
  });

  it('offers exactly the fields of every kind\'s default config', () => {
    for (const kind of moduleKinds) {
      expect(configFields(kind).map((f) => f.key).sort(), kind).toEqual(Object.keys(moduleOf(kind).parseConfig({}) as object).sort());
    }
  });
});
