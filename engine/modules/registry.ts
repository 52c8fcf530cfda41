// The one map from kind to module. Adding a kind means one file and one line here.
import { addModule } from './add.ts';
import { bceLogitsModule } from './bce-logits.ts';
import { bceModule } from './bce.ts';
import { concatModule } from './concat.ts';
import { formulaModule } from './formula.ts';
import { huberModule } from './huber.ts';
import { inputModule } from './input.ts';
import { l1Module } from './l1.ts';
import { linearModule } from './linear.ts';
import { meanModule } from './mean.ts';
import { mseModule } from './mse.ts';
import { multiplyModule } from './multiply.ts';
import { reluModule } from './relu.ts';
import { sigmoidModule } from './sigmoid.ts';
import { softmaxCeModule } from './softmax-ce.ts';
import { softmaxModule } from './softmax.ts';
import { sumModule } from './sum.ts';
import { tanhModule } from './tanh.ts';
import { targetModule } from './target.ts';
import { inputPorts, type ModuleDef } from './types.ts';

// Each kind has its own config type; the map only needs to know they are modules.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModuleDef = ModuleDef<any>;

export const modules = {
  input: inputModule,
  target: targetModule,
  linear: linearModule,
  sigmoid: sigmoidModule,
  tanh: tanhModule,
  relu: reluModule,
  softmax: softmaxModule,
  add: addModule,
  multiply: multiplyModule,
  concat: concatModule,
  formula: formulaModule,
  sum: sumModule,
  mean: meanModule,
  mse: mseModule,
  l1: l1Module,
  huber: huberModule,
  bce: bceModule,
  bce_logits: bceLogitsModule,
  softmax_ce: softmaxCeModule,
} as const satisfies Record<string, AnyModuleDef>;

export type ModuleKind = keyof typeof modules;
export const moduleKinds = Object.keys(modules) as ModuleKind[];

export function isModuleKind(kind: string): kind is ModuleKind {
  return Object.hasOwn(modules, kind);
}

/** A new node's config: the module's own defaults, as its config parser fills them in. */
export function defaultConfig(kind: ModuleKind): Record<string, unknown> {
  return { ...(moduleOf(kind).parseConfig({}) as Record<string, unknown>) };
}

/** The module of a kind, with its config type erased for generic graph code. */
export function moduleOf(kind: ModuleKind): ModuleDef<unknown> {
  return modules[kind] as unknown as ModuleDef<unknown>;
}

/** The input ports of a node as the file states it (a formula's come from its config); none for an unknown kind. */
export function nodeInputPorts(node: { readonly kind: string; readonly config?: Record<string, unknown> | undefined }): readonly string[] {
  return isModuleKind(node.kind) ? inputPorts(moduleOf(node.kind), node.config) : [];
}
