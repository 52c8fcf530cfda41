// `link FILE [--base URL]`: the same link as the app's File → Copy link (one encoder), its errors, and
// the refusal of a document too long for a link.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraph } from '../../engine/index.ts';
import { documentLink, linkDocumentBytes } from '../../interop/index.ts';
import { runCli } from '../support/cli-in-process.ts';

const lecture = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');

describe('link', () => {
  it('prints the link of the document, which opens to the same document', async () => {
    const r = await runCli(['link', 'lecture.bpgraph'], { 'lecture.bpgraph': lecture });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${documentLink(serializeGraph(parseGraphFile(lecture)))}\n`);
    expect(parseGraphFile(new TextDecoder().decode(linkDocumentBytes(r.stdout.trim())))).toEqual(parseGraphFile(lecture));
  });

  it('--base puts it under the address of the browser build', async () => {
    const r = await runCli(['link', 'lecture.bpgraph', '--base', 'https://example.org/studio/'], { 'lecture.bpgraph': lecture });
    expect(r.stdout).toMatch(/^https:\/\/example\.org\/studio\/#doc=1\.[A-Za-z0-9_-]+\n$/);
  });

  it('refuses a document too long for a link and says to share the file (exit 1)', async () => {
    const g = parseGraphFile(lecture);
    // Incompressible numbers: 1,500 random weights need far more than 8,000 characters.
    const big = { ...g, nodes: g.nodes.map((n) => (n.id === 'x' ? { ...n, config: { size: 1500 }, value: { shape: [1, 1500], data: Array.from({ length: 1500 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1) } } : n)) };
    const r = await runCli(['link', 'big.bpgraph'], { 'big.bpgraph': JSON.stringify({ format: 'backprop-studio-graph', version: 2, ...big }) });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^backprop-studio link: big\.bpgraph: the link would be [\d,]+ characters, more than the 8,000 .*share the \.bpgraph file instead\n$/);
    expect(r.code).toBe(1);
  });

  it.each<[string, string[], RegExp]>([
    ['a base that is not an address', ['--base', 'studio'], /--base "studio": expected an address such as http:\/\/localhost:5173\//],
    ['a base with a fragment', ['--base', 'https://x.org/#a'], /the base cannot have one/],
    ['a base of another scheme', ['--base', 'file:///tmp/'], /expected an http or https address/],
    ['an unknown option', ['--out', 'x'], /unknown option --out/],
  ])('exits 2 on %s', async (_what, argv, message) => {
    const r = await runCli(['link', 'lecture.bpgraph', ...argv], { 'lecture.bpgraph': lecture });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
