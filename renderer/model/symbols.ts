// Moved to interop/notation/symbols.ts (issue 11: the figure export draws with the same notation in the CLI).
// Only a forward for code written before the move; new code imports interop/notation/ directly.
export * from '../../interop/notation/symbols.ts';
