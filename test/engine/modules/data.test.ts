// input and target emit their stored value; they have nothing to differentiate by.
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '../../../engine/index.ts';
import { build, tangentFrame } from '../support/frames.ts';
import { testRng } from '../support/random.ts';

describe.each(['input', 'target'] as const)('%s module', (kind) => {
  it('forward copies the value into the output', () => {
    const value = tensor([2, 3], [1, -2, 3.5, 0, 7, -8]);
    const { def, frame } = build({ kind, config: { size: 3 }, inputs: [], value });
    def.forward(frame);
    expect(Array.from(frame.out.data)).toEqual([1, -2, 3.5, 0, 7, -8]);
  });

  it('jvp passes the value tangent through', () => {
    const { def, frame } = build({ kind, config: { size: 2 }, inputs: [], value: zeros([1, 2]) });
    const t = tangentFrame(frame, testRng(1));
    def.jvp(frame, t);
    expect(Array.from(t.out.data)).toEqual(Array.from(t.value!.data));
  });

  it('has no Jacobian and defaults size to 1', () => {
    const { def, frame } = build({ kind, inputs: [], value: zeros([1, 1]) });
    expect(() => def.jacobian(frame, 0, { input: 0 })).toThrow(/no inputs or parameters/);
    expect(def.parseConfig({})).toEqual({ size: 1 });
  });
});
