import { describe, expect, it } from 'vitest';
import { presenterStep } from '../../../renderer/layout/presenter.ts';

describe('presenter clicker keys', () => {
  it('PageDown, →, ↓ and Space go forward; PageUp, ← and ↑ back; both stop at the ends', () => {
    for (const k of ['PageDown', 'ArrowRight', 'ArrowDown', ' ']) expect(presenterStep(k, 3, 10)).toBe(4);
    for (const k of ['PageUp', 'ArrowLeft', 'ArrowUp']) expect(presenterStep(k, 3, 10)).toBe(2);
    expect(presenterStep('PageDown', 9, 10)).toBe(9);
    expect(presenterStep('PageUp', 0, 10)).toBe(0);
  });
  it('ignores other keys and an empty timeline', () => {
    expect(presenterStep('a', 3, 10)).toBeNull();
    expect(presenterStep('PageDown', 0, 0)).toBeNull();
  });
});
