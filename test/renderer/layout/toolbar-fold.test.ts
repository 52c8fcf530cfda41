import { describe, expect, it } from 'vitest';
import { FOLD_AT, foldLevel, inToolbar } from '../../../renderer/layout/toolbar-fold.ts';

describe('toolbar folding', () => {
  it('folds one more group below each width', () => {
    expect(foldLevel(1920)).toBe(0);
    expect(foldLevel(1560)).toBe(0);
    expect(foldLevel(1559)).toBe(1);
    expect(foldLevel(1400)).toBe(1);
    expect(foldLevel(1280)).toBe(2);
    expect(foldLevel(1100)).toBe(3);
    expect(foldLevel(1024)).toBe(3);
    expect(foldLevel(800)).toBe(FOLD_AT.length);
  });
  it('keeps a group in the toolbar while the level is below its fold', () => {
    expect(inToolbar(2, 1)).toBe(true);
    expect(inToolbar(2, 2)).toBe(false);
    expect(inToolbar('never', 4)).toBe(true);
  });
});
