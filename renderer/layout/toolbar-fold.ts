// Which toolbar commands fold into the ⋯ menu at a window width: nothing may overflow at 1024 px.
import { useSyncExternalStore } from 'react';

/** Below each width one more group of commands moves into ⋯ (level 1 below 1560 px … level 4 below 1000 px). */
export const FOLD_AT = [1560, 1360, 1180, 1000] as const;
/** A group that folds at level n is in the toolbar while the window is at least FOLD_AT[n - 1] wide. */
export type FoldLevel = 1 | 2 | 3 | 4 | 'never';

export function foldLevel(width: number): number {
  return FOLD_AT.filter((w) => width < w).length;
}

/** Whether a command of the given fold group is in the toolbar (true) or in ⋯ (false). */
export function inToolbar(fold: FoldLevel, level: number): boolean {
  return fold === 'never' || level < fold;
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};

export function useFoldLevel(): number {
  return useSyncExternalStore(subscribe, () => foldLevel(window.innerWidth));
}
