// The fields of a kind's config form, read from the module's own config schema: a whole number, a
// number, a switch, a choice, a text or a list of names per field. Nothing here names a kind, so a new
// kind gets its form for free (a kind may still bring an editor of its own: formula's expression).
import { isModuleKind, moduleOf } from '../../engine/index.ts';

export type ConfigField =
  | { readonly key: string; readonly type: 'int' }
  | { readonly key: string; readonly type: 'number' }
  | { readonly key: string; readonly type: 'text' }
  | { readonly key: string; readonly type: 'names' }
  | { readonly key: string; readonly type: 'boolean' }
  | { readonly key: string; readonly type: 'choice'; readonly options: readonly string[] };

interface SchemaNode { readonly def: { readonly type: string }; unwrap?(): SchemaNode; readonly options?: readonly unknown[]; readonly isInt?: boolean; readonly element?: SchemaNode }

/** The editable fields of `kind`'s config, in schema order (fields of other types are not offered). */
export function configFields(kind: string): ConfigField[] {
  if (!isModuleKind(kind)) return [];
  const schema = moduleOf(kind).configSchema;
  if (!schema) return [];
  const fields: ConfigField[] = [];
  for (const [key, raw] of Object.entries(schema.shape as Record<string, SchemaNode>)) {
    let node = raw;
    while ((node.def.type === 'default' || node.def.type === 'optional') && node.unwrap) node = node.unwrap();
    if (node.def.type === 'number') fields.push({ key, type: node.isInt === false ? 'number' : 'int' });
    else if (node.def.type === 'string') fields.push({ key, type: 'text' });
    else if (node.def.type === 'array' && node.element?.def.type === 'string') fields.push({ key, type: 'names' });
    else if (node.def.type === 'boolean') fields.push({ key, type: 'boolean' });
    else if (node.def.type === 'enum' && node.options) fields.push({ key, type: 'choice', options: node.options.map(String) });
  }
  return fields;
}
