// The PyTorch oracle harness: it finds a Python with torch, and says how to install one where there is none.
import { describe, expect, it } from 'vitest';
import { requireTorch, torch, TORCH_INSTALL } from './torch.ts';

/** A stand-in for vitest's context that records the note of a skip instead of skipping. */
function fakeContext() {
  const skipped: string[] = [];
  return { skipped, ctx: { skip: ((note?: string) => { skipped.push(note ?? ''); throw new Error('skipped'); }) as never } };
}

describe('the torch harness', () => {
  it('without torch, skips the test and says why and how to install it', () => {
    const { ctx, skipped } = fakeContext();
    expect(() => requireTorch(ctx, { missing: 'no Python with torch (tried python3)' }, {})).toThrow('skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain('no Python with torch (tried python3)');
    expect(skipped[0]).toContain(TORCH_INSTALL);
  });

  it('under CI, a missing torch fails instead of skipping', () => {
    const { ctx, skipped } = fakeContext();
    expect(() => requireTorch(ctx, { missing: 'no Python with torch' }, { CI: 'true' })).toThrow(/CI is set, so a missing oracle is a failure/);
    expect(skipped).toEqual([]);
  });

  it('with torch, returns that Python', () => {
    const { ctx } = fakeContext();
    expect(requireTorch(ctx, { python: '/opt/py/bin/python3' }, { CI: 'true' })).toBe('/opt/py/bin/python3');
  });

  it('runs a script with JSON in and out, in float64, non-finite numbers included', (ctx) => {
    const out = torch<{ sum: number; dtype: string; odd: number[] }>(ctx, `
x = torch.tensor(inp['x'])
emit({'sum': x.sum(), 'dtype': str(x.dtype), 'odd': [float('nan'), float('inf'), -float('inf')]})
`, { x: [0.1, 0.2] });
    expect(out.sum).toBe(0.1 + 0.2);
    expect(out.dtype).toBe('torch.float64');
    expect(out.odd).toEqual([NaN, Infinity, -Infinity]);
  });

  it('a failing script reports Python\'s error', (ctx) => {
    expect(() => torch(ctx, 'raise ValueError("no such kind")', {})).toThrow(/ValueError: no such kind/);
  });
});
