// `npx tsx bench/check-kernels.ts`: every matmul kernel, on both paths (plain JS and wasm SIMD),
// against a naive triple loop for many shapes including ragged ones. Both paths sum in the naive
// order, so the check demands bitwise equality, not a tolerance.
import { matmulGtX, matmulGW, matmulXWt, setKernelPath, type KernelPath } from '../engine/kernels/matmul.ts';
import { randomData } from './graphs.ts';
import { naiveGtX, naiveGW, naiveXWt } from '../test/engine/support/naive-matmul.ts';

function firstDifference(want: Float64Array, got: Float64Array): string | null {
  for (let i = 0; i < want.length; i++) if (!Object.is(want[i], got[i])) return `index ${i}: want ${want[i]}, got ${got[i]}`;
  return null;
}

const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 31, 64, 67];
const shapes: [number, number, number][] = [];
for (const B of sizes) for (const K of sizes) for (const N of sizes) if ((B * K + K * N) % 3 === 0 || B * K * N < 200) shapes.push([B, K, N]);
shapes.push([128, 784, 256], [128, 256, 128], [128, 128, 10], [64, 2, 16], [64, 16, 1], [0, 3, 4], [3, 0, 4]);

let failures = 0, checks = 0;
const fail = (msg: string): void => { failures++; if (failures <= 20) console.error(msg); };
for (const path of ['js', 'wasm', 'auto'] as KernelPath[]) {
  setKernelPath(path);
  for (const [B, K, N] of shapes) {
    const seed = B * 10007 + K * 101 + N;
    const x = randomData(B * K, seed), W = randomData(N * K, seed + 1), g = randomData(B * N, seed + 2), bias = randomData(N, seed + 3);
    const tag = `${path} B=${B} K=${K} N=${N}`;
    // Output buffers start dirty: the kernels must overwrite, not add, unless told to accumulate.
    for (const b of [null, bias]) {
      const y = randomData(B * N, seed + 4);
      matmulXWt(x, W, y, B, K, N, b);
      const d = firstDifference(naiveXWt(x, W, B, K, N, b), y);
      if (d) fail(`matmulXWt ${tag} bias=${Boolean(b)}: ${d}`);
      checks++;
    }
    const gx = randomData(B * K, seed + 5);
    matmulGW(g, W, gx, B, N, K);
    const d1 = firstDifference(naiveGW(g, W, B, N, K), gx);
    if (d1) fail(`matmulGW ${tag}: ${d1}`);
    const gW = randomData(N * K, seed + 6);
    matmulGtX(g, x, gW, B, N, K);
    const d2 = firstDifference(naiveGtX(g, x, B, N, K, null), gW);
    if (d2) fail(`matmulGtX ${tag}: ${d2}`);
    const init = randomData(N * K, seed + 7), acc = Float64Array.from(init);
    matmulGtX(g, x, acc, B, N, K, true);
    const d3 = firstDifference(naiveGtX(g, x, B, N, K, init), acc);
    if (d3) fail(`matmulGtX accumulate ${tag}: ${d3}`);
    checks += 3;
  }
}
setKernelPath('auto');
console.log(JSON.stringify({ check: 'matmul kernels vs naive (bitwise)', shapes: shapes.length, checks, failures }));
if (failures > 0) process.exitCode = 1;
