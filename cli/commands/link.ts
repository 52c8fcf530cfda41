// link FILE [--base URL]: the document as a link whose fragment holds it (interop/link, the encoder
// of the app's File → Copy link, so both print the same link). A link longer than MAX_LINK_CHARS is
// refused (exit 1) with the advice to share the file. Nothing is sent anywhere.
import { serializeGraph } from '../../engine/index.ts';
import { DEFAULT_LINK_BASE, documentLink, linkTooLong } from '../../interop/index.ts';
import { oneFile, parseArgs, stringFlag } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { loadGraph } from '../load.ts';

export const linkUsage = `link FILE [--base URL] (default base ${DEFAULT_LINK_BASE})`;

/** --base: an http(s) address of the browser build, without a fragment. */
function baseFlag(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_LINK_BASE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--base ${JSON.stringify(raw)}: expected an address such as ${DEFAULT_LINK_BASE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--base ${JSON.stringify(raw)}: expected an http or https address`);
  if (url.hash !== '' || raw.includes('#')) throw new CliError(`--base ${JSON.stringify(raw)}: the link's fragment holds the document, so the base cannot have one`);
  return raw;
}

export function linkCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['base'], boolean: [] });
  const file = oneFile(parsed, linkUsage);
  const base = baseFlag(stringFlag(parsed.flags, 'base'));
  const link = documentLink(serializeGraph(loadGraph(io, file)), base);
  const tooLong = linkTooLong(link);
  if (tooLong) {
    io.stderr(`backprop-studio link: ${file}: ${tooLong}\n`);
    return EXIT.checkFailed;
  }
  io.stdout(`${link}\n`);
  return EXIT.ok;
}
