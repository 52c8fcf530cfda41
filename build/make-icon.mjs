// Draws build/icon.png (512×512): a small network of nodes and edges on a dark rounded square.
// Own PNG encoder (zlib + CRC32) so nothing is downloaded. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SS = 3; // supersampling per axis for smooth edges

const layers = [[0.22, [0.3, 0.5, 0.7]], [0.5, [0.36, 0.64]], [0.78, [0.5]]];
const nodes = layers.flatMap(([x, ys]) => ys.map((y) => [x, y]));
const edges = [];
for (let l = 0; l + 1 < layers.length; l++) {
  for (const y0 of layers[l][1]) for (const y1 of layers[l + 1][1]) edges.push([layers[l][0], y0, layers[l + 1][0], y1]);
}

function segDist(px, py, [x0, y0, x1, y1]) {
  const dx = x1 - x0, dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
}

function roundedBox(px, py, r) {
  const qx = Math.abs(px - 0.5) - (0.5 - r), qy = Math.abs(py - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Colour of one sample as [r, g, b, a] in 0..1. */
function sample(x, y) {
  if (roundedBox(x, y, 0.18) > -0.02) return [0, 0, 0, 0];
  let c = [0.11 + 0.06 * y, 0.13 + 0.05 * y, 0.2 + 0.08 * y];
  const onEdge = edges.some((e) => segDist(x, y, e) < 0.012);
  if (onEdge) c = [0.45, 0.62, 0.95];
  for (const [nx, ny] of nodes) {
    const d = Math.hypot(x - nx, y - ny);
    if (d < 0.062) c = d < 0.045 ? [0.98, 0.72, 0.3] : [1, 1, 1];
  }
  return [...c, 1];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const s = sample((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE);
      acc[0] += s[0] * s[3]; acc[1] += s[1] * s[3]; acc[2] += s[2] * s[3]; acc[3] += s[3];
    }
    const a = acc[3] / (SS * SS);
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    for (let k = 0; k < 3; k++) raw[o + k] = a > 0 ? Math.round((acc[k] / acc[3]) * 255) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
