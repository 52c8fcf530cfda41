// `export FILE --to svg|png` as a user meets it: the same figure as the app's (interop/figure), the
// PNG rasterised by resvg at the size the scale gives, and one-line errors for bad flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile } from '../../engine/index.ts';
import { drawFigure } from '../../interop/index.ts';
import { runCli } from '../support/cli-in-process.ts';

const lectureText = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');
const lecture = parseGraphFile(lectureText);
const files = { 'lecture.bpgraph': lectureText };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

describe('export --to svg|png', () => {
  const program = compileGraph(lecture);
  program.run();
  const results = program.results();

  it('prints the app\'s figure of the run', async () => {
    const r = await runCli(['export', 'lecture.bpgraph', '--to', 'svg'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(drawFigure(lecture, { results }).svg);
    expect(r.stdout).toContain('>∂L/∂w₁ = −0.00225</text>');
  });

  it('--step N is the Step panel\'s step N (1-based); --scale and --background go to the drawing', async () => {
    const r = await runCli(['export', 'lecture.bpgraph', '--to', 'svg', '--step', '10', '--scale', '1.5', '--background', 'transparent', '--out', 'f.svg'], files);
    expect(r.code).toBe(0);
    expect(r.files['f.svg']).toBe(drawFigure(lecture, { results, step: 9, scale: 1.5, background: 'transparent' }).svg);
    expect(r.stdout).toMatch(/^wrote f\.svg \(\d+ bytes\)\n$/);
  });

  it('writes a PNG at the scale\'s size', async () => {
    const fig = drawFigure(lecture, { results, scale: 2 });
    const r = await runCli(['export', 'lecture.bpgraph', '--to', 'png', '--scale', '2', '--out', 'f.png'], files);
    expect(r.code).toBe(0);
    const png = r.bytes['f.png']!;
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: fig.width, height: fig.height });
    expect(r.stderr).toBe('');
  }, 30_000);

  it.each<[string, string[], RegExp]>([
    ['a PNG without --out', ['--to', 'png'], /^backprop-studio export: --to png writes a binary file: give --out FILE\n$/],
    ['a step past the run', ['--to', 'svg', '--step', '15'], /^backprop-studio export: lecture\.bpgraph: step 15 is not in this run: it has 14 steps \(1 to 14\)\n$/],
    ['step 0', ['--to', 'svg', '--step', '0'], /^backprop-studio export: --step 0: expected a step number from 1/],
    ['a fractional step', ['--to', 'svg', '--step', '2.5'], /--step 2\.5: expected a step number/],
    ['a scale out of range', ['--to', 'png', '--scale', '20', '--out', 'f.png'], /^backprop-studio export: --scale 20: expected a scale from 0\.25 to 8\n$/],
    ['another background', ['--to', 'svg', '--background', 'black'], /--background "black": expected white or transparent/],
    ['a figure flag on a script', ['--to', 'pytorch', '--step', '2'], /^backprop-studio export: --step does not apply to --to pytorch\n$/],
    ['a bad --to', ['--to', 'svgz'], /^backprop-studio export: --to svgz: expected pytorch, onnx, svg or png\n$/],
  ])('exits 2 on %s, with one line', async (_what, argv, message) => {
    const r = await runCli(['export', 'lecture.bpgraph', ...argv], files);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(Object.keys(r.bytes)).toEqual([]);
  });
});
