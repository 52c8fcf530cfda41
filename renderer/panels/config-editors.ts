// Kinds whose config needs more than the generic form of their schema (model/config-fields.ts): the
// editor shown in the inspector in its place. One entry per such kind.
import type { ComponentType } from 'react';
import type { GraphNode, ModuleKind } from '../../engine/index.ts';
import { FormulaEditor } from './formula/FormulaEditor.tsx';

export const CONFIG_EDITORS: Partial<Record<ModuleKind, ComponentType<{ node: GraphNode }>>> = {
  formula: FormulaEditor,
};
