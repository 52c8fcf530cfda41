// A document in a link: the whole .bpgraph text (graph, parameters, dataset recipe, training
// settings, any other field) compressed into the URL's fragment, which browsers never send to a
// server. The app's File → Copy link and the CLI's `link FILE` encode with `documentLink`; opening a
// link decodes it with `linkDocumentBytes` and hands the bytes to the one reader
// (engine/read-document.ts via the file layer), so a link is refused with the same messages as a file.
//
// Format (docs/file-format.md): `BASE#doc=1.PAYLOAD`, where 1 is this encoding's version and
// PAYLOAD is base64url (RFC 4648 §5, no padding) of the raw DEFLATE (RFC 1951) of the document's
// UTF-8 text.
import { MAX_FILE_BYTES } from '../../engine/index.ts';
import { deflateSync, Inflate, strToU8 } from 'fflate';

export const LINK_KEY = 'doc';
export const LINK_VERSION = '1';
/**
 * Longest link offered (characters). RFC 9110 §4.1 asks every HTTP sender and recipient to support
 * URIs of at least 8,000 octets, and that is where common servers, proxies and the tools links
 * travel through cut (nginx and Apache allow about 8 KB for a request line; mail clients, chat and
 * course platforms are no more generous). The fragment itself never reaches a server, but a link
 * that may be cut on the way is worse than a file, so longer documents are offered as a file.
 */
export const MAX_LINK_CHARS = 8000;
/** Where the browser build is served by `npm run web`: the CLI's default --base and the desktop app's. */
export const DEFAULT_LINK_BASE = 'http://localhost:5173/';

/** A link that holds no document, or a damaged one: the message says which. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function fromBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new LinkError('the link is cut short or corrupted: its data has a stray character at the end');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0, value = 0, o = 0;
  for (let i = 0; i < text.length; i++) {
    const d = INDEX.get(text[i]!);
    if (d === undefined) throw new LinkError(`the link is corrupted: ${JSON.stringify(text[i])} at position ${i + 1} of its data is not a base64url character`);
    value = (value << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** The fragment of a document's text: `doc=1.PAYLOAD`. */
export function linkFragment(documentText: string): string {
  return `${LINK_KEY}=${LINK_VERSION}.${base64url(deflateSync(strToU8(documentText), { level: 9, mem: 8 }))}`;
}

/** The link of a document's text (its serialised .bpgraph) under `base` (any fragment of base is replaced). */
export function documentLink(documentText: string, base: string = DEFAULT_LINK_BASE): string {
  return `${base.split('#')[0]}#${linkFragment(documentText)}`;
}

/** Whether a link (or a bare fragment) carries a document at all. */
export function hasLinkDocument(link: string): boolean {
  return payloadOf(link) !== null;
}

function payloadOf(link: string): string | null {
  const hash = link.indexOf('#');
  const fragment = hash >= 0 ? link.slice(hash + 1) : link;
  const m = /(?:^|&)doc=([^&]*)/.exec(fragment.trim());
  return m ? m[1]! : null;
}

/**
 * The document bytes in a link (a full URL, or just its fragment). Throws LinkError naming what is
 * wrong: no document, another version, not base64url, not DEFLATE or cut short, or larger than a file may be.
 */
export function linkDocumentBytes(link: string): Uint8Array {
  const payload = payloadOf(link);
  if (payload === null) throw new LinkError(`the link holds no document: it has no "#${LINK_KEY}=" part`);
  const dot = payload.indexOf('.');
  const version = dot >= 0 ? payload.slice(0, dot) : '';
  if (version !== LINK_VERSION) {
    throw new LinkError(dot < 0 ? 'the link is corrupted: its data has no version' : `the link was made by a newer version of Backprop Studio (link format ${JSON.stringify(version.slice(0, 12))}; this one reads ${LINK_VERSION})`);
  }
  let data = payload.slice(dot + 1);
  // Mail and chat clients sometimes percent-encode or wrap a long link.
  data = data.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\s+/g, '');
  const compressed = fromBase64url(data);
  return inflateLimited(compressed, MAX_FILE_BYTES);
}

/** Raw DEFLATE, refused as soon as the output would pass `limit` bytes (a tiny link must not inflate to gigabytes). */
function inflateLimited(compressed: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new LinkError(`the link's document is larger than ${limit / 1024 / 1024} MB, the largest file the app opens`);
    chunks.push(chunk);
  });
  try {
    const STEP = 1024;
    for (let i = 0; i < compressed.length; i += STEP) inflater.push(compressed.subarray(i, i + STEP), i + STEP >= compressed.length);
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(`the link is cut short or corrupted: its data does not decompress (${(e as Error).message})`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** Whether a link is too long to share safely (MAX_LINK_CHARS), with the message to show. */
export function linkTooLong(link: string): string | null {
  return link.length > MAX_LINK_CHARS
    ? `the link would be ${link.length.toLocaleString('en-US')} characters, more than the ${MAX_LINK_CHARS.toLocaleString('en-US')} that links reliably keep on the way (mail, chat, course platforms): share the .bpgraph file instead`
    : null;
}
