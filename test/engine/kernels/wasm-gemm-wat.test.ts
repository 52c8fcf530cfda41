// engine/kernels/wasm-gemm.wat is the readable source of the kernel wasm-gemm.ts emits byte by byte:
// assembled by wabt (a dev dependency: `npm ci` installs it), it must give exactly the emitter's bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat } from '../support/assemble-wat.ts';
import { gemmModuleBytes } from '../../../engine/kernels/wasm-gemm.ts';

const source = readFileSync(new URL('../../../engine/kernels/wasm-gemm.wat', import.meta.url), 'utf8');

const assemble = (text: string): Promise<Uint8Array> => assembleWat('wasm-gemm.wat', text);

describe('the WebAssembly kernel source', () => {
  it('assembles to exactly the bytes the emitter produces', async () => {
    const assembled = await assemble(source);
    expect(Array.from(assembled)).toEqual(Array.from(gemmModuleBytes()));
  });

  it('a change to the source changes the bytes (the comparison can fail)', async () => {
    const swapped = source.replace('(local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $av) (local.get $b0))))', '(local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $b0) (local.get $av))))');
    expect(swapped).not.toBe(source);
    expect(Array.from(await assemble(swapped))).not.toEqual(Array.from(gemmModuleBytes()));
  });
});
