// The document's JSON text, written piece by piece so that the pieces of unchanged elements can be
// reused: an autosave after one edit of a 2,000-node document re-writes one node, not 250k numbers
// (≈ 100–250 ms of the UI thread every 5 s). The text is JSON.stringify(doc, null, 2), byte for byte.

/** Remembers each element's text (a node, an edge, a dataset, a module definition) by object identity. Only for documents that are never changed in place (the renderer's immutable snapshots). */
export class GraphTextCache {
  private readonly pieces = new WeakMap<object, string>();

  /** JSON.stringify(value, null, 2) as it reads two levels deep (a list's or a record's entry). */
  entry(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return nested(value, ENTRY_INDENT);
    let text = this.pieces.get(value);
    if (text === undefined) {
      text = nested(value, ENTRY_INDENT);
      if (text === undefined) return undefined;
      // replace() leaves a rope of its pieces; flattened once here, or every join would walk it (20× slower).
      text.charCodeAt(0);
      this.pieces.set(value, text);
    }
    return text;
  }
}

const KEY_INDENT = '  ', ENTRY_INDENT = '    ';
/** The top-level fields whose entries are the document's elements. */
const LISTS = new Set(['nodes', 'edges']), RECORDS = new Set(['datasets', 'modules']);

/** JSON.stringify(doc, null, 2) and a line break (the file's text), with the elements of its lists and records taken from `cache`. */
export function documentText(doc: Readonly<Record<string, unknown>>, cache: GraphTextCache): string {
  // Every piece goes into one list joined once: the text of a large document is copied a single time.
  const out: string[] = [];
  let fields = 0;
  for (const [key, value] of Object.entries(doc)) {
    const field = (): void => { out.push(fields++ === 0 ? '{\n' : ',\n', KEY_INDENT, JSON.stringify(key), ': '); };
    if (LISTS.has(key) && Array.isArray(value)) {
      field();
      listText(value, cache, out);
    } else if (RECORDS.has(key) && isRecord(value)) {
      field();
      recordText(value, cache, out);
    } else {
      const text = nested(value, KEY_INDENT);
      if (text === undefined) continue;
      field();
      out.push(text);
    }
  }
  out.push(fields === 0 ? '{}\n' : '\n}\n');
  return out.join('');
}

function listText(list: readonly unknown[], cache: GraphTextCache, out: string[]): void {
  if (list.length === 0) return void out.push('[]');
  // An entry JSON cannot write (undefined, a function, a hole) is null in a list, as JSON.stringify has it.
  for (let i = 0; i < list.length; i++) out.push(i === 0 ? '[\n' : ',\n', ENTRY_INDENT, cache.entry(list[i]) ?? 'null');
  out.push('\n', KEY_INDENT, ']');
}

function recordText(record: Readonly<Record<string, unknown>>, cache: GraphTextCache, out: string[]): void {
  let fields = 0;
  for (const [key, value] of Object.entries(record)) {
    const text = cache.entry(value);
    if (text !== undefined) out.push(fields++ === 0 ? '{\n' : ',\n', ENTRY_INDENT, JSON.stringify(key), ': ', text);
  }
  out.push(fields === 0 ? '{}' : `\n${KEY_INDENT}}`);
}

// JSON strings never hold a raw line break, so every one in the text is layout and takes the indent.
const nested = (value: unknown, indent: string): string | undefined => JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`);

// A plain object without toJSON, which JSON.stringify writes field by field as recordText does.
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
