import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../engine/index.ts';
import {
  eventContract, invokeContract, isInvokeChannel, isMenuCommand, isRequestId, menuCommandSchema, simpleMenuCommands,
  utf8ByteLength, type InvokeChannel,
} from '../../app/common/ipc-contract.ts';

const ID = 'AbC_12-x';
/** Under the limit in UTF-16 units, three times over it in UTF-8 bytes. */
const euros = '€'.repeat(Math.floor(MAX_FILE_BYTES / 3) + 1);
/** One accepted and several refused argument lists per channel: every validator is exercised. */
const cases: { [C in InvokeChannel]: { good: unknown[][]; bad: unknown[][] } } = {
  'bps:file-open': { good: [[]], bad: [['/etc/passwd']] },
  'bps:file-open-dropped': { good: [['/home/me/g.bpgraph']], bad: [[], [''], [42], ['x'.repeat(5000)]] },
  'bps:file-open-recent': { good: [[ID]], bad: [[], ['../../etc/passwd'], ['/abs/path.bpgraph'], [7], [ID, ID]] },
  'bps:file-open-example': { good: [['lecture-two-layer']], bad: [['../secret'], [''], [null]] },
  'bps:file-startup': { good: [[]], bad: [[1]] },
  'bps:file-new': { good: [[]], bad: [[true]] },
  'bps:file-save': { good: [['{"format":"backprop-studio-graph"}'], ['€'.repeat(1000)]], bad: [[], [{ nodes: [] }], ['x'.repeat(MAX_FILE_BYTES + 1)], [euros], ['a', '/tmp/x']] },
  'bps:file-save-as': { good: [['{}']], bad: [[], [1], ['{}', '/tmp/evil.bpgraph'], [euros]] },
  'bps:file-recent': { good: [[]], bad: [['x']] },
  'bps:file-export': { good: [['pytorch', 'model.py', 'import torch\n'], ['pytorch', '', ''], ['onnx', 'm.onnx', new Uint8Array([8, 8])]], bad: [[], ['onnx9', 'm', 'x'], ['pytorch', 'm'], ['onnx', 'm', [8, 8]], ['pytorch', 'n'.repeat(300), 'x'], ['pytorch', 'm', euros], ['pytorch', 'm', 'x', '/tmp/evil.py']] },
  'bps:doc-set-dirty': { good: [[true], [false]], bad: [[], ['yes'], [1]] },
  'bps:doc-provide': { good: [[0, '{}'], [12, 'text']], bad: [[-1, '{}'], [1.5, '{}'], ['1', '{}'], [1], [0, euros]] },
  'bps:autosave-write': { good: [['{}']], bad: [[], [{}], [euros]] },
  'bps:autosave-clear': { good: [[]], bad: [['all']] },
  'bps:open-external': { good: [['https://example.org']], bad: [[], [{ url: 'https://x' }], ['h'.repeat(3000)]] },
};

describe('invoke contract', () => {
  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    it(`${channel}: accepts good arguments and refuses bad ones`, () => {
      const schema = invokeContract[channel].args;
      for (const good of cases[channel].good) expect(schema.safeParse(good).success, JSON.stringify(good).slice(0, 80)).toBe(true);
      for (const bad of cases[channel].bad) expect(schema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    });
  }

  it('bps:file-export refuses bytes over the document limit', () => {
    const args = invokeContract['bps:file-export'].args;
    expect(args.safeParse(['onnx', 'm.onnx', new Uint8Array(MAX_FILE_BYTES)]).success).toBe(true);
    expect(args.safeParse(['onnx', 'm.onnx', new Uint8Array(MAX_FILE_BYTES + 1)]).success).toBe(false);
  });

  it('has a test case for every channel and nothing else', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(invokeContract).sort());
  });

  it('knows its own channels only', () => {
    expect(isInvokeChannel('bps:file-open')).toBe(true);
    expect(isInvokeChannel('bps:toString')).toBe(false);
    expect(isInvokeChannel('bps:__proto__')).toBe(false);
    expect(isInvokeChannel('file-open')).toBe(false);
  });

  it('checks results: an open reply is one of three shapes', () => {
    const r = invokeContract['bps:file-open'].result;
    expect(r.safeParse({ status: 'opened', text: '{}', name: 'a.bpgraph', restored: false }).success).toBe(true);
    expect(r.safeParse({ status: 'opened', text: '{}', name: 'a.bpgraph', restored: false, path: '/secret' }).success).toBe(false);
    expect(r.safeParse({ status: 'error' }).success).toBe(false);
  });
});

describe('utf8ByteLength', () => {
  it('counts what Node encodes, lone surrogates included (they become U+FFFD, 3 bytes)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8ByteLength(s) === Buffer.byteLength(s, 'utf8')), { numRuns: 3000 });
    for (const s of ['', 'a', '€', '😀', '\ud800', '\udc00x', 'a\ud83d']) expect(utf8ByteLength(s), JSON.stringify(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('menu command guard used by the preload', () => {
  it('accepts every simple command and the parameterised ones', () => {
    for (const type of simpleMenuCommands) expect(isMenuCommand({ type })).toBe(true);
    expect(isMenuCommand({ type: 'open-recent', id: ID })).toBe(true);
    expect(isMenuCommand({ type: 'set-theme', theme: 'dark' })).toBe(true);
    expect(isMenuCommand({ type: 'set-theme', theme: 'neon' })).toBe(false);
    expect(isMenuCommand({ type: 'open-recent', id: '/etc/passwd' })).toBe(false);
    expect(isMenuCommand({ type: 'run', extra: 1 })).toBe(false);
    expect(isMenuCommand({ type: 'export', format: 'pytorch' })).toBe(true);
    expect(isMenuCommand({ type: 'export', format: 'toString' })).toBe(false);
    expect(isMenuCommand({ type: 'export' })).toBe(false);
  });

  it('agrees with the zod schema on arbitrary payloads', () => {
    const near = fc.oneof(
      fc.constantFrom(...simpleMenuCommands, 'open-recent', 'open-example', 'set-theme', 'export', 'bogus').chain((type) =>
        fc.record({
          type: fc.constant(type), id: fc.oneof(fc.constant(ID), fc.string()), theme: fc.constantFrom('light', 'dark', 'system', 'x'),
          format: fc.constantFrom('pytorch', 'onnx', '__proto__', ''),
        }, { requiredKeys: ['type'] })),
      fc.anything(),
    );
    fc.assert(fc.property(near, (payload) => isMenuCommand(payload) === menuCommandSchema.safeParse(payload).success), { numRuns: 2000 });
  });

  it('request ids match the event schema', () => {
    for (const v of [0, 3, -1, 1.5, '2', null]) expect(isRequestId(v)).toBe(eventContract['bps:doc-request'].safeParse(v).success);
  });
});
