// The ONNX wire format through onnx-proto (protobufjs): ModelProto to bytes and back, and the few
// builders and readers of tensors, attributes and value infos the exporter and the importer share.
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export type Model = import('onnx-proto').onnx.IModelProto;
export type Node = import('onnx-proto').onnx.INodeProto;
export type TensorProto = import('onnx-proto').onnx.ITensorProto;
export type ValueInfo = import('onnx-proto').onnx.IValueInfoProto;
export type Attribute = import('onnx-proto').onnx.IAttributeProto;
export type FunctionProto = import('onnx-proto').onnx.IFunctionProto;

/** The opset the exporter writes (and the one its functions import). */
export const OPSET = 17;
/** IR version 8: the first with model-local functions, which the losses are. */
export const IR_VERSION = 8;
export const PRODUCER = 'Backprop Studio';
/** The domain of the loss functions the exporter defines in the model. */
export const LOSS_DOMAIN = 'org.backprop-studio';

export type Dtype = 'float64' | 'float32';
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;
export const elemType = (dtype: Dtype): number => (dtype === 'float64' ? DataType.DOUBLE : DataType.FLOAT);

/** The model's bytes in an array of their own (in Node, protobufjs hands out a view into a shared pool). */
export function encodeModel(model: Model): Uint8Array {
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** Throws the decoder's message (the caller names the file). */
export function decodeModel(bytes: Uint8Array): import('onnx-proto').onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}

/** protobufjs gives int64 fields as numbers or as Long objects, depending on the platform. */
export function int(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: number; high: number };
    return high * 2 ** 32 + (low >>> 0);
  }
  return Number(v);
}

export function tensorProto(name: string, dims: readonly number[], data: ArrayLike<number>, dtype: Dtype): TensorProto {
  const values = dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data);
  return { name, dims: [...dims], dataType: elemType(dtype), rawData: new Uint8Array(values.buffer) };
}

/** A float tensor's numbers (raw little-endian bytes or the typed repeated fields), or null for other types. */
export function tensorValues(t: TensorProto): Float64Array | null {
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : null;
  if (t.dataType === DataType.DOUBLE) {
    if (!raw) return Float64Array.from(t.doubleData ?? []);
    return Float64Array.from(new Float64Array(copy(raw).buffer));
  }
  if (t.dataType === DataType.FLOAT) {
    if (!raw) return Float64Array.from(t.floatData ?? []);
    return Float64Array.from(new Float32Array(copy(raw).buffer));
  }
  return null;
}

/** The bytes in a buffer of their own (aligned for a typed array; a Node Buffer's slice would share its pool). */
const copy = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

export function valueInfo(name: string, dims: readonly (number | string)[], dtype: Dtype, doc?: string): ValueInfo {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, ...(doc ? { docString: doc } : {}), type: { tensorType: { elemType: elemType(dtype), shape: { dim } } } };
}

/** A value info's dimensions: numbers where fixed, null where symbolic or unknown; null for a non-tensor. */
export function valueDims(v: ValueInfo): (number | null)[] | null {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims) return null;
  return dims.map((d) => (d.dimValue !== undefined && d.dimValue !== null && int(d.dimValue) > 0 ? int(d.dimValue) : null));
}

export const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });
export const intsAttr = (name: string, ints: number[]): Attribute => ({ name, type: AttributeType.INTS, ints });
export const int64Tensor = (name: string, values: number[]): TensorProto => ({ name, dims: [values.length], dataType: DataType.INT64, int64Data: values });
export const tensorAttr = (name: string, t: TensorProto): Attribute => ({ name, type: AttributeType.TENSOR, t });

/** An int64 tensor's numbers (axes), or null for other types. */
export function intValues(t: TensorProto): number[] | null {
  if (t.dataType !== DataType.INT64) return null;
  if (t.rawData && t.rawData.length > 0) return [...new BigInt64Array(copy(t.rawData).buffer)].map(Number);
  return (t.int64Data ?? []).map(int);
}

/** An attribute's list of ints (axes), undefined where the node does not set it. */
export function intsOf(node: Node, name: string): number[] | undefined {
  return node.attribute?.find((x) => x.name === name)?.ints?.map(int);
}

/** A tensor attribute (a Constant's value, a loss's delta), undefined where absent. */
export function tensorOf(node: Node, name: string): TensorProto | undefined {
  return node.attribute?.find((x) => x.name === name)?.t ?? undefined;
}

/** An attribute's value: an int or float by name, undefined where the node does not set it. */
export function attr(node: Node, name: string): number | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  if (!a) return undefined;
  return a.type === AttributeType.FLOAT ? (a.f ?? 0) : int(a.i ?? 0);
}
export const INT64 = DataType.INT64;
export const TENSOR = AttributeType.TENSOR;
