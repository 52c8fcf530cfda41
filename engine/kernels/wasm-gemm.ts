// A tiny WebAssembly SIMD kernel (f64x2) for C = A·B on strided operands (row-major, column-major or
// packed panels, so most operands need only a flat copy into its memory), emitted byte by byte so the
// engine stays pure TypeScript with no build step. Read it in wasm-gemm.wat beside this file: a test
// assembles that text and checks it gives exactly these bytes. Each output is summed in the same
// order as the scalar loop s = 0; for r: s += a·b (wasm never fuses multiply-add), so results are
// bit-identical to it. Plain JS tops out near 5 GFLOP/s here (one scalar multiply and one add per
// cycle); two lanes per instruction roughly double that.

/**
 * Operand layouts, all in bytes: row block ip of A starts at aPtr + ip·aPanel, and A(4ip+ii, r) is the
 * double at that start + r·aStep + ii·aLane; column block jp of B starts at bPtr + jp·bPanel, and
 * B(r, 4jp…4jp+3) are the four doubles at that start + r·bStep. So A can be row-major (aStep 8, aLane
 * the row length), column-major (aStep the column length, aLane 8) or packed panels; B row-major
 * (bPanel 32, bStep the row length) or packed panels [R][4] (bPanel 32R, bStep 32).
 */
export interface GemmOperands {
  readonly aPtr: number; readonly aPanel: number; readonly aStep: number; readonly aLane: number;
  readonly bPtr: number; readonly bPanel: number; readonly bStep: number;
}

export interface Gemm {
  /** The kernel's memory as doubles; replaced when the memory grows. */
  f64: Float64Array;
  /** Makes room for `doubles` doubles (grows once, never shrinks). */
  reserve(doubles: number): void;
  /**
   * C[(4ip+ii)·4Np + 4jp+jj] (=, or += when loadC) Σ_r A(4ip+ii, r)·B(r, 4jp+jj) for ip < Mp, jp < Np,
   * in the order r = 0…R−1. Offsets in `o` are bytes; cOff is in doubles and must be even.
   */
  run(o: GemmOperands, cOff: number, Mp: number, Np: number, R: number, loadC: boolean): void;
}

const I32 = 0x7f, V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

// Opcodes (core and SIMD).
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32c = (v: number): number[] => [0x41, ...sleb(v)];
const ADD = [0x6a], SUB = [0x6b], MUL = [0x6c], SHL = [0x74], GEU = [0x4f], EQZ = [0x45];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = [0x05], END = [0x0b];
const brIf = (d: number): number[] => [0x0d, ...uleb(d)];
const br = (d: number): number[] => [0x0c, ...uleb(d)];
const simd = (op: number, ...rest: number[]): number[] => [0xfd, ...uleb(op), ...rest];
const v128Load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
const v128Store = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
const load64Splat = (offset: number): number[] => simd(0x0a, 3, ...uleb(offset));
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));
const F64X2_ADD = simd(240), F64X2_MUL = simd(242);

function kernelBody(): number[] {
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
    e(aRow[ii]!, load64Splat(0), set(av));
    e(get(acc(ii, 0)), get(av), get(bv0), F64X2_MUL, F64X2_ADD, set(acc(ii, 0)));
    e(get(acc(ii, 1)), get(av), get(bv1), F64X2_MUL, F64X2_ADD, set(acc(ii, 1)));
  }
  e(get(a), get(aStep), ADD, set(a), get(b), get(bStep), ADD, set(b), get(r), i32c(1), SUB, set(r), br(0), END, END);
  for (let ii = 0; ii < 4; ii++) for (let h = 0; h < 2; h++) e(cRow(ii), get(acc(ii, h)), v128Store(h * 16));
  e(get(jp), i32c(1), ADD, set(jp), br(0), END, END);
  e(get(ip), i32c(1), ADD, set(ip), br(0), END, END);
  e(END);
  const locals = [...uleb(2), ...uleb(9), I32, ...uleb(11), V128];
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

export function gemmModuleBytes(): Uint8Array {
  const type = [0x60, ...uleb(12), ...new Array<number>(12).fill(I32), 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 0x01]), // memory, min 1 page
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('gemm'), 0x00, 0]),
    ...section(10, [1, ...kernelBody()]),
  ]);
}

// The few WebAssembly calls we make, typed here: engine/ compiles without DOM or Node typings.
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

let cached: Gemm | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers fall back to plain JS). */
export function wasmGemm(): Gemm | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const bytes = gemmModuleBytes();
    if (!wasm.validate(bytes)) return null;
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } });
    const fn = instance.exports.gemm as (...args: number[]) => void;
    const g: Gemm = {
      f64: new Float64Array(memory.buffer),
      reserve(doubles) {
        const bytesNeeded = doubles * 8;
        if (bytesNeeded <= memory.buffer.byteLength) return;
        memory.grow(Math.ceil((bytesNeeded - memory.buffer.byteLength) / 65536));
        g.f64 = new Float64Array(memory.buffer);
      },
      run(o, cOff, Mp, Np, R, loadC) {
        fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cOff * 8, Mp, Np, R, loadC ? 1 : 0);
      },
    };
    cached = g;
  } catch {
    cached = null;
  }
  return cached;
}

let relaxed: boolean | undefined;

/**
 * Whether this runtime validates relaxed SIMD (f32x4.relaxed_madd): on by default in Chromium and
 * Electron, behind --experimental-wasm-relaxed-simd in Node 20. The exact float64 path never uses it
 * (a fused multiply-add rounds once, the naive loop twice).
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxed !== undefined) return relaxed;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  // (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)
  const body = [0, ...get(0), ...get(1), ...get(2), ...simd(0x105), ...END];
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 3, V128, V128, V128, 1, V128]),
    ...section(3, [1, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
  try {
    relaxed = wasm?.validate(bytes) ?? false;
  } catch {
    relaxed = false;
  }
  return relaxed;
}
