import type { z } from 'zod';
import type { ShapeIssueCode } from '../graph/issues.ts';
import type { Shape, Tensor } from '../tensor.ts';

export type ModuleFamily = 'data' | 'layer' | 'activation' | 'combine' | 'loss';

/** Buffers of one node for one run. Modules read and write only these; nothing is allocated per step. */
export interface NodeFrame<C = unknown> {
  readonly config: C;
  /** Values arriving on the input ports, in the order of `ModuleDef.inputs`. */
  readonly inputs: Tensor[];
  /** Parameters, in the order of `ModuleDef.paramNames`. */
  readonly params: Tensor[];
  /** Data nodes (input, target) emit this tensor. */
  readonly value: Tensor | null;
  readonly out: Tensor;
  /** dL/d(out): the node's total gradient, summed over its consumers. */
  readonly gradOut: Tensor;
  /** dL/d(input port) written (not accumulated) by `vjp`; null where nobody needs it. */
  readonly gradInputs: (Tensor | null)[];
  /** dL/d(param) written (not accumulated) by `vjp`, summed over the batch. */
  readonly gradParams: Tensor[];
}

/** Directional derivatives (tangents) of every buffer in a frame, for forward-over-reverse. */
export interface TangentFrame {
  readonly inputs: Tensor[];
  readonly params: Tensor[];
  readonly value: Tensor | null;
  readonly out: Tensor;
  readonly gradOut: Tensor;
  readonly gradInputs: (Tensor | null)[];
  readonly gradParams: Tensor[];
}

/** A dense matrix, row-major: rows index outputs, columns index what we differentiate by. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export type JacobianTarget = { readonly input: number } | { readonly param: number };

/** Where a node's parameters are drawn from: the graph's seed and the node's id (each parameter adds its name). */
export interface InitSite { readonly seed: number; readonly nodeId: string }

export type ShapeResult = { readonly shape: Shape } | { readonly code: ShapeIssueCode; readonly port: string; readonly message: string };

/** The values an input port is defined for (bce's pred: [0, 1]). */
export interface InputDomain {
  readonly min: number;
  readonly max: number;
  /** What to do about a value outside, said after the error. */
  readonly hint: string;
}

export type ModuleWarningCode = 'bce-clamped' | 'formula-domain';

/** Something about one run that a module wants the user to know (the run still has numbers). */
export interface ModuleWarning {
  readonly code: ModuleWarningCode;
  readonly port?: string;
  readonly message: string;
}

/**
 * Losses: how their first port reads as a prediction (accuracy, decision boundary): a probability
 * (compared with 0.5), a logit of one (compared with 0, σ gives the probability), or softmax logits.
 */
export type PredictionKind = 'probability' | 'logit' | 'softmax';

export interface ModuleDef<C> {
  readonly kind: string;
  readonly label: string;
  readonly family: ModuleFamily;
  /** The module's math in one line, shown by the UI. */
  readonly formula: string;
  /** The input ports (of the default config, where `inputsOf` makes them depend on the config). */
  readonly inputs: readonly string[];
  /**
   * Input ports that depend on the node's config (formula: its `inputs`), read from the raw config so
   * a node whose config is otherwise broken still shows its ports. Absent: `inputs`. Everything that
   * lists ports asks `inputPorts(def, rawConfig)`.
   */
  inputsOf?(raw: Record<string, unknown>): readonly string[];
  readonly isLoss: boolean;
  /** Per input port, where its values must lie: outside is an error of the run; the gradient check steps inside. */
  readonly domain?: Readonly<Record<string, InputDomain>>;
  /** Per input port, where the module is not differentiable (relu at 0): the gradient check says so there. */
  readonly kinks?: Readonly<Record<string, readonly number[]>>;
  /** Losses: what the prediction port holds; 'probability' when absent. */
  readonly prediction?: PredictionKind;
  /** After a forward pass: a warning about this run (e.g. a clamp that bends the gradient), or null. */
  diagnose?(f: NodeFrame<C>): ModuleWarning | null;
  /** The start of new nodes' ids in the editor ("ce" → ce1); the kind when absent. */
  readonly idPrefix?: string;
  /** Parses a node's raw config, filling defaults; throws a message naming the field when bad. */
  parseConfig(raw: Record<string, unknown>): C;
  /** The config's schema (what parseConfig checks), for editors that build a form from it; none: no settings. */
  readonly configSchema?: z.ZodObject;
  paramShapes(config: C): Readonly<Record<string, Shape>>;
  /** Fresh values for the parameters `paramShapes` names (absent: zeros); called through `initialParams`. */
  initParams?(config: C, at: InitSite): Readonly<Record<string, Tensor>>;
  /** Data kinds: the expected feature count of their value. */
  valueFeatures?(config: C): number;
  inferShape(config: C, inputShapes: readonly Shape[]): ShapeResult;
  /** A short human summary of the configuration, e.g. "2→3". */
  describe(config: C): string;
  forward(f: NodeFrame<C>): void;
  vjp(f: NodeFrame<C>): void;
  /** d(out[sample,:]) / d(target[sample,:]) for inputs, or d(out[sample,:]) / d(param) for params. */
  jacobian(f: NodeFrame<C>, sample: number, target: JacobianTarget): Matrix;
  /** Forward-mode: t.out = J · (t.inputs, t.params, t.value). */
  jvp(f: NodeFrame<C>, t: TangentFrame): void;
  /** Tangent of vjp: t.gradInputs and t.gradParams, given t.gradOut and the forward tangents. */
  vjpTangent(f: NodeFrame<C>, t: TangentFrame): void;
}

/** A node's input ports: from its config where the module says so (`inputsOf`), else the module's fixed `inputs`. */
export function inputPorts(def: Pick<ModuleDef<unknown>, 'inputs' | 'inputsOf'>, rawConfig: Record<string, unknown> | undefined): readonly string[] {
  return def.inputsOf ? def.inputsOf(rawConfig ?? {}) : def.inputs;
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}
