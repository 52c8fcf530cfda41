// The bytes of our WebAssembly kernels, written by hand: LEB128 numbers, the few opcodes they use,
// module sections, and the blocked GEMM loop both kernels share (wasm-gemm.ts: f64x2, wasm-gemm-f32.ts:
// f32x4). One skeleton so the two cannot differ in anything but the lane type and the multiply-add.

export const I32 = 0x7f, V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

// Opcodes (core and SIMD).
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
export const i32c = (v: number): number[] => [0x41, ...sleb(v)];
const ADD = [0x6a], SUB = [0x6b], MUL = [0x6c], SHL = [0x74], GEU = [0x4f], EQZ = [0x45];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = [0x05];
export const END = [0x0b];
const brIf = (d: number): number[] => [0x0d, ...uleb(d)];
const br = (d: number): number[] => [0x0c, ...uleb(d)];
export const simd = (op: number, ...rest: number[]): number[] => [0xfd, ...uleb(op), ...rest];
const v128Load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
const v128Store = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

export function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

export const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/** What makes a blocked kernel f64x2 or f32x4: how one A entry fills a vector, and acc += a·b. */
export interface LaneOps {
  /** vNN.loadNN_splat of the entry at the address on the stack. */
  readonly splat: number[];
  /** The accumulator update for locals (acc, a, b): the bytes leaving acc + a·b on the stack. */
  mulAdd(acc: number[], a: number[], b: number[]): number[];
}

/**
 * C = A·B in blocks of 4 rows × 32 bytes (4 doubles or 8 floats): two vectors of B per r, one splat of
 * A per row, eight accumulators. Parameters (all i32): aPtr aPanel aStep aLane bPtr bPanel bStep cPtr
 * Mp Np R loadC, as wasm-gemm.wat explains.
 */
export function blockedGemmBody(lanes: LaneOps): number[] {
  const [aPtr, aPanel, aStep, aLane, bPtr, bPanel, bStep, cPtr, Mp, Np, R, loadC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [ip, jp, r, a, b, c, rowBytes, lane2, lane3] = [12, 13, 14, 15, 16, 17, 18, 19, 20];
  const acc = (ii: number, h: number): number => 21 + ii * 2 + h;
  const bv0 = 29, bv1 = 30, av = 31;
  const code: number[] = [];
  const e = (...parts: number[][]): void => { for (const p of parts) code.push(...p); };
  // Address of row ii of the current C block: c + ii·rowBytes.
  const cRow = (ii: number): number[] => (ii === 0 ? get(c) : [...get(c), ...get(rowBytes), ...i32c(ii), ...MUL, ...ADD]);
  // Address of A(row ii of the block, current r): a + ii·aLane.
  const aRow = [get(a), [...get(a), ...get(aLane), ...ADD], [...get(a), ...get(lane2), ...ADD], [...get(a), ...get(lane3), ...ADD]];

  e(get(Np), i32c(5), SHL, set(rowBytes));
  e(get(aLane), i32c(1), SHL, set(lane2), get(lane2), get(aLane), ADD, set(lane3));
  e(i32c(0), set(ip), BLOCK, LOOP, get(ip), get(Mp), GEU, brIf(1));
  e(i32c(0), set(jp), BLOCK, LOOP, get(jp), get(Np), GEU, brIf(1));
  e(get(aPtr), get(ip), get(aPanel), MUL, ADD, set(a));
  e(get(bPtr), get(jp), get(bPanel), MUL, ADD, set(b));
  e(get(cPtr), get(ip), get(rowBytes), i32c(2), SHL, MUL, ADD, get(jp), i32c(5), SHL, ADD, set(c));
  e(get(loadC), IF);
  for (let ii = 0; ii < 4; ii++) for (let h = 0; h < 2; h++) e(cRow(ii), v128Load(h * 16), set(acc(ii, h)));
  e(ELSE);
  for (let ii = 0; ii < 4; ii++) for (let h = 0; h < 2; h++) e(V128_ZERO, set(acc(ii, h)));
  e(END);
  e(get(R), set(r), BLOCK, LOOP, get(r), EQZ, brIf(1));
  e(get(b), v128Load(0), set(bv0), get(b), v128Load(16), set(bv1));
  for (let ii = 0; ii < 4; ii++) {
    e(aRow[ii]!, lanes.splat, set(av));
    e(lanes.mulAdd(get(acc(ii, 0)), get(av), get(bv0)), set(acc(ii, 0)));
    e(lanes.mulAdd(get(acc(ii, 1)), get(av), get(bv1)), set(acc(ii, 1)));
  }
  e(get(a), get(aStep), ADD, set(a), get(b), get(bStep), ADD, set(b), get(r), i32c(1), SUB, set(r), br(0), END, END);
  for (let ii = 0; ii < 4; ii++) for (let h = 0; h < 2; h++) e(cRow(ii), get(acc(ii, h)), v128Store(h * 16));
  e(get(jp), i32c(1), ADD, set(jp), br(0), END, END);
  e(get(ip), i32c(1), ADD, set(ip), br(0), END, END);
  e(END);
  const locals = [...uleb(2), ...uleb(9), I32, ...uleb(11), V128];
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/**
 * A module importing env.mem (min 1 page; shared, up to `sharedMaxPages`, when given: two threads on one
 * memory, gemm-threads.ts) and exporting one function `name` of 12 i32 parameters.
 */
export function gemmModule(name: string, body: number[], sharedMaxPages?: number): Uint8Array {
  const type = [0x60, ...uleb(12), ...new Array<number>(12).fill(I32), 0];
  const limits = sharedMaxPages === undefined ? [0x00, 0x01] : [0x03, 0x01, ...uleb(sharedMaxPages)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, ...limits]), // memory
    ...section(3, [1, 0]),
    ...section(7, [1, ...str(name), 0x00, 0]),
    ...section(10, [1, ...body]),
  ]);
}

// The few WebAssembly calls we make, typed here: engine/ compiles without DOM or Node typings.
export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this runtime has WebAssembly and accepts these bytes (SIMD, relaxed SIMD are features it may lack). */
export function wasmValidates(bytes: Uint8Array): boolean {
  try {
    return wasmApi()?.validate(bytes) ?? false;
  } catch {
    return false;
  }
}

/** A gemmModule's function on a fresh memory of its own, or null where the runtime cannot run it. */
export function instantiateGemm(bytes: Uint8Array, name: string): { memory: WasmMemory; fn: (...args: number[]) => void } | null {
  const wasm = wasmApi();
  if (!wasm || !wasmValidates(bytes)) return null;
  try {
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } });
    return { memory, fn: instance.exports[name] as (...args: number[]) => void };
  } catch {
    return null;
  }
}

/** Grows a memory to hold at least `bytes`; true when it grew (typed-array views of it are then stale). */
export function growTo(memory: WasmMemory, bytes: number): boolean {
  if (bytes <= memory.buffer.byteLength) return false;
  memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  return true;
}
