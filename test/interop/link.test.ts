// Links that hold a document (interop/link): the round trip is byte-exact, and every damaged link is
// refused with a message that says what is wrong, before anything reaches the reader.
import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraph } from '../../engine/index.ts';
import { DEFAULT_LINK_BASE, documentLink, LinkError, linkDocumentBytes, linkTooLong, MAX_LINK_CHARS } from '../../interop/index.ts';
import { base64url, fromBase64url } from '../../interop/link/link.ts';

const examples = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.bpgraph'));
const text = (f: string): string => serializeGraph(parseGraphFile(readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8')));
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('document links', () => {
  it.each(examples)('%s: the link gives back the very document text, and is short enough to share', (f) => {
    const link = documentLink(text(f));
    expect(link.startsWith(`${DEFAULT_LINK_BASE}#doc=1.`)).toBe(true);
    expect(link).toMatch(/^[^#]+#doc=1\.[A-Za-z0-9_-]+$/);
    expect(decode(linkDocumentBytes(link))).toBe(text(f));
    expect(linkTooLong(link)).toBeNull();
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
  });

  it('takes a base with a path, a bare fragment, and a link cut across lines by a mail client', () => {
    const t = text('lecture-two-layer.bpgraph');
    const link = documentLink(t, 'https://example.org/studio/?embed=1');
    expect(link.startsWith('https://example.org/studio/?embed=1#doc=1.')).toBe(true);
    expect(decode(linkDocumentBytes(link.slice(link.indexOf('#'))))).toBe(t);
    const wrapped = `${link.slice(0, 300)}\n  ${link.slice(300)}`;
    expect(decode(linkDocumentBytes(wrapped))).toBe(t);
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect([...fromBase64url(base64url(bytes))]).toEqual([...bytes]);
    }
  });

  const link = documentLink(text('lecture-two-layer.bpgraph'));
  it.each<[string, string, RegExp]>([
    ['no document', 'http://localhost:5173/#x=1', /^the link holds no document: it has no "#doc=" part$/],
    ['cut short', link.slice(0, link.length - 40), /^the link is cut short or corrupted: its data does not decompress/],
    ['a changed character', `${link.slice(0, 60)}*${link.slice(61)}`, /^the link is corrupted: "\*" at position \d+ of its data is not a base64url character$/],
    ['another version', link.replace('#doc=1.', '#doc=7.'), /newer version of Backprop Studio \(link format "7"; this one reads 1\)/],
    ['no version', link.replace('#doc=1.', '#doc='), /^the link is corrupted: its data has no version$/],
    ['garbage that decodes as base64url', 'http://x/#doc=1.AAAAAAAAAAAA', /^the link is cut short or corrupted/],
  ])('refuses %s', (_what, bad, message) => {
    expect(() => linkDocumentBytes(bad)).toThrow(LinkError);
    expect(() => linkDocumentBytes(bad)).toThrow(message);
  });

  it('refuses a small link that would inflate past the largest file, without inflating it all', () => {
    const bomb = deflateSync(new Uint8Array(60 * 1024 * 1024), { level: 9 });
    expect(() => linkDocumentBytes(`#doc=1.${base64url(bomb)}`)).toThrow(/larger than 50 MB, the largest file the app opens/);
  });

  it('says when a link is too long to share, with its length', () => {
    expect(linkTooLong(`http://x/#doc=1.${'A'.repeat(MAX_LINK_CHARS)}`)).toMatch(/^the link would be 8,016 characters, more than the 8,000 .*share the \.bpgraph file instead$/);
  });
});
