// The derivative checks are only worth something if they catch a wrong derivative: feed each one a
// sigmoid with exactly one of vjp, jacobian, jvp or vjpTangent broken.
import { describe, expect, it } from 'vitest';
import { modules, type ModuleDef } from '../../../engine/index.ts';
import {
  build, checkJacobianMatchesVjp, checkJvpAgainstFiniteDifferences, checkVjpAgainstFiniteDifferences, checkVjpTangentAgainstFiniteDifferences, t2,
} from '../support/frames.ts';

const good = modules.sigmoid as unknown as ModuleDef<unknown>;
const input = t2(2, 2, [0.3, -0.7, 1.1, 0.2]);

function withBroken(part: Partial<ModuleDef<unknown>>): ReturnType<typeof build> {
  const b = build({ kind: 'sigmoid', inputs: [input] });
  return { ...b, def: { ...good, ...part } };
}

describe('module derivative checks (negative controls)', () => {
  it('pass on the real sigmoid', () => {
    checkVjpAgainstFiniteDifferences(build({ kind: 'sigmoid', inputs: [input] }));
    checkJacobianMatchesVjp(build({ kind: 'sigmoid', inputs: [input] }));
    checkJvpAgainstFiniteDifferences(build({ kind: 'sigmoid', inputs: [input] }));
    checkVjpTangentAgainstFiniteDifferences(build({ kind: 'sigmoid', inputs: [input] }));
  });

  it('catch a vjp that forgets the (1 − y) factor', () => {
    const b = withBroken({ vjp: (f) => { f.gradInputs[0]!.data.forEach((_, i) => { f.gradInputs[0]!.data[i] = f.gradOut.data[i]! * f.out.data[i]!; }); } });
    expect(() => checkVjpAgainstFiniteDifferences(b)).toThrow(/vjp/);
  });

  it('catch a Jacobian that disagrees with the vjp', () => {
    const b = withBroken({ jacobian: (f, s, t) => { const J = good.jacobian(f, s, t); J.data[0] = J.data[0]! * 1.01; return J; } });
    expect(() => checkJacobianMatchesVjp(b)).toThrow(/jacobian/);
  });

  it('catch a jvp with a wrong sign', () => {
    const b = withBroken({ jvp: (f, t) => { good.jvp(f, t); t.out.data[1] = -t.out.data[1]!; } });
    expect(() => checkJvpAgainstFiniteDifferences(b)).toThrow(/jvp/);
  });

  it('catch a vjpTangent that drops the second-order term', () => {
    const b = withBroken({
      vjpTangent: (f, t) => { t.gradInputs[0]!.data.forEach((_, i) => { const y = f.out.data[i]!; t.gradInputs[0]!.data[i] = t.gradOut.data[i]! * y * (1 - y); }); },
    });
    expect(() => checkVjpTangentAgainstFiniteDifferences(b)).toThrow(/vjpTangent/);
  });
});
