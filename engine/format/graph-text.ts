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
      this.pieces.set(value, text);
    }
    return text;
  }
}

const KEY_INDENT = '  ', ENTRY_INDENT = '    ';
/** The top-level fields whose entries are the document's elements. */
const LISTS = new Set(['nodes', 'edges']), RECORDS = new Set(['datasets', 'modules']);

/** JSON.stringify(doc, null, 2), with the elements of its lists and records taken from `cache`. */
export function documentText(doc: Readonly<Record<string, unknown>>, cache: GraphTextCache): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const text = LISTS.has(key) && Array.isArray(value) ? listText(value, cache)
      : RECORDS.has(key) && isRecord(value) ? recordText(value, cache)
        : nested(value, KEY_INDENT);
    if (text !== undefined) fields.push(`${KEY_INDENT}${JSON.stringify(key)}: ${text}`);
  }
  return fields.length === 0 ? '{}' : `{\n${fields.join(',\n')}\n}`;
}

function listText(list: readonly unknown[], cache: GraphTextCache): string {
  if (list.length === 0) return '[]';
  // An entry JSON cannot write (undefined, a function) is null in a list, as JSON.stringify has it.
  return `[\n${Array.from(list, (v) => ENTRY_INDENT + (cache.entry(v) ?? 'null')).join(',\n')}\n${KEY_INDENT}]`;
}

function recordText(record: Readonly<Record<string, unknown>>, cache: GraphTextCache): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const text = cache.entry(value);
    if (text !== undefined) fields.push(`${ENTRY_INDENT}${JSON.stringify(key)}: ${text}`);
  }
  return fields.length === 0 ? '{}' : `{\n${fields.join(',\n')}\n${KEY_INDENT}}`;
}

// JSON strings never hold a raw line break, so every one in the text is layout and takes the indent.
const nested = (value: unknown, indent: string): string | undefined => JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`);

// A plain object without toJSON, which JSON.stringify writes field by field as recordText does.
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
