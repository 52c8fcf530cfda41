// Dense Float64 tensors, row-major. Activations are [batch, features]; the batch is axis 0.

export type Shape = readonly number[];

/** Buffers the optimiser and the float32 training path accept alike (tensors themselves are float64). */
export type Floats = Float64Array | Float32Array;

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function zeros(shape: Shape): Tensor {
  return { shape: [...shape], data: new Float64Array(sizeOf(shape)) };
}

export function tensor(shape: Shape, data: ArrayLike<number>): Tensor {
  const n = sizeOf(shape);
  if (data.length !== n) {
    throw new RangeError(`tensor: shape [${shape.join(', ')}] needs ${n} numbers, got ${data.length}`);
  }
  return { shape: [...shape], data: Float64Array.from(data) };
}

export function cloneTensor(t: Tensor): Tensor {
  return { shape: [...t.shape], data: new Float64Array(t.data) };
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Plain-JSON form used by files, the CLI and the worker protocol. */
export interface TensorJson {
  shape: number[];
  data: number[];
}

export function toJson(t: Tensor): TensorJson {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

export function fromJson(j: TensorJson): Tensor {
  return tensor(j.shape, j.data);
}

export function l2Norm(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return Math.sqrt(s);
}
